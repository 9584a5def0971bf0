using System.Text.Json.Nodes;
using KdFamily.Domain.Data;
using KdFamily.Domain.Users;
using KdFamily.Graph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KdFamily.Graph.Tests.Families;

public sealed class UpdateProfileTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    private static readonly string Mutation = Operations.Load("UpdateProfile");

    /// <summary>Every test of the class talks to the host on a real socket (started before anything else touches it).</summary>
    private readonly Uri _address = factory.KestrelAddress;

    [Fact]
    public async Task UpdateProfile_ByMember_ChangesNameAndAvatarAndMailsAConfirmationToTheNewAddress()
    {
        var seed = await factory.SeedFamilyAsync();
        var me = seed.Members[3];
        var email = $"New-{Guid.NewGuid():N}@Example.test";

        var payload = (await factory.PostAsAsync(me, Mutation, new { input = new { fullName = "Jo", email, avatarUrl = "https://img.test/jo.png" } }))
            .Payload("updateProfile");

        Assert.Null(payload["errors"]);
        Assert.Equal("Jo", payload["user"]!["fullName"]!.GetValue<string>());
        Assert.Equal(me.Email, payload["user"]!["email"]!.GetValue<string>());
        Assert.Equal(email.ToLowerInvariant(), payload["pendingEmail"]!.GetValue<string>());
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
        var stored = await db.Users.SingleAsync(u => u.Id == me.Id);
        Assert.Equal(("Jo", me.Email, "https://img.test/jo.png"), (stored.FullName, stored.Email, stored.AvatarUrl));
        var storedEmail = email.ToLowerInvariant();
        var mail = await db.OutboundEmails.SingleAsync(e => e.To == storedEmail);
        Assert.Contains("/confirm-email?token=", mail.Body, StringComparison.Ordinal);
    }

    /// <summary>
    /// Issue 7 item 6: aliased updateProfile mutations in one request told which addresses had an account in any
    /// family (EmailTakenError). An address taken elsewhere must now look exactly like a free one.
    /// </summary>
    [Fact]
    public async Task UpdateProfile_WithAddressesOfOtherFamiliesAndFreeOnes_AnswersAllAlike()
    {
        var seed = await factory.SeedFamilyAsync();
        var other = await factory.SeedFamilyAsync();
        var caller = seed.Members[2];
        var addresses = new[]
        {
            other.Members[0].Email!.ToUpperInvariant(), $"free-{Guid.NewGuid():N}@example.test",
            other.Members[1].Email!, $"free-{Guid.NewGuid():N}@example.test",
        };
        var document = "mutation {" + string.Concat(addresses.Select((address, i) =>
            $" a{i}: updateProfile(input: {{email: \"{address}\"}}) {{ user {{ email }} pendingEmail errors {{ __typename ... on Error {{ code message }} }} }}")) + " }";

        using var client = new HttpClient { BaseAddress = _address };
        var response = await client.PostGraphQLAsync(document, accessToken: TestTokens.For(factory.Services, caller));

        Assert.True(response["errors"] is null, response.ToJsonString());
        var answers = addresses.Select((address, i) =>
            response["data"]![$"a{i}"]!.ToJsonString().Replace(address.ToLowerInvariant(), "ADDRESS", StringComparison.Ordinal)).ToList();
        Assert.All(answers, answer => Assert.Equal(answers[0], answer));
        var first = JsonNode.Parse(answers[0])!;
        Assert.Null(first["errors"]);
        Assert.Equal("ADDRESS", first["pendingEmail"]!.GetValue<string>());
        Assert.Equal(caller.Email, first["user"]!["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpdateProfile_WithItsOwnAddress_ChangesNothingAndMailsNothing()
    {
        var seed = await factory.SeedFamilyAsync();
        var me = seed.Members[1];

        var payload = (await factory.PostAsAsync(me, Mutation, new { input = new { email = me.Email!.ToUpperInvariant() } })).Payload("updateProfile");

        Assert.Null(payload["errors"]);
        Assert.Null(payload["pendingEmail"]);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>().OutboundEmails.AnyAsync(e => e.To == me.Email));
    }

    [Fact]
    public async Task UpdateProfile_OverTheDailyNumberOfEmailChanges_ReturnsValidationErrorWhateverTheAddress()
    {
        var seed = await factory.SeedFamilyAsync();
        var me = seed.Members[1];
        for (var i = 0; i < Profile.MaxEmailChangesPerDay; i++)
        {
            var accepted = (await factory.PostAsAsync(me, Mutation, new { input = new { email = $"try-{i}-{Guid.NewGuid():N}@example.test" } }))
                .Payload("updateProfile");
            Assert.Null(accepted["errors"]);
        }

        var payload = (await factory.PostAsAsync(me, Mutation, new { input = new { fullName = "Still Renamed", email = "one-more@example.test" } }))
            .Payload("updateProfile");

        Assert.Equal(("ValidationError", "VALIDATION_ERROR"), payload.SingleError());
        Assert.Equal("email", payload["errors"]![0]!["field"]!.GetValue<string>());
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
        Assert.NotEqual("Still Renamed", (await db.Users.SingleAsync(u => u.Id == me.Id)).FullName);
        Assert.False(await db.OutboundEmails.AnyAsync(e => e.To == "one-more@example.test"));
    }

    [Fact]
    public async Task UpdateProfile_WithInvalidEmail_ReturnsValidationErrorNamingTheField()
    {
        var seed = await factory.SeedFamilyAsync();

        var payload = (await factory.PostAsAsync(seed.Members[2], Mutation, new { input = new { email = "not-an-address" } })).Payload("updateProfile");

        Assert.Equal(("ValidationError", "VALIDATION_ERROR"), payload.SingleError());
        Assert.Equal("email", payload["errors"]![0]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpdateProfile_ByRemovedMemberWithOldToken_IsNotAuthenticated()
    {
        var seed = await factory.SeedFamilyAsync();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
            await db.Users.Where(u => u.Id == seed.Members[2].Id)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.RemovedAt, NodaTime.SystemClock.Instance.GetCurrentInstant()));
        }

        var response = await factory.PostAsAsync(seed.Members[2], Mutation, new { input = new { fullName = "Ghost" } });

        Assert.Equal("AUTH_NOT_AUTHENTICATED", response.RequestErrorCode());
    }

    [Fact]
    public async Task UpdateProfile_WithoutToken_FailsWithAuthNotAuthenticated()
    {
        var response = await factory.PostAsAsync(null, Mutation, new { input = new { fullName = "Anon" } });

        Assert.Equal("AUTH_NOT_AUTHENTICATED", response.RequestErrorCode());
    }
}
