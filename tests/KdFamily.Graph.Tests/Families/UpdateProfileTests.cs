using KdFamily.Domain.Data;
using KdFamily.Graph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KdFamily.Graph.Tests.Families;

public sealed class UpdateProfileTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    private static readonly string Mutation = Operations.Load("UpdateProfile");

    [Fact]
    public async Task UpdateProfile_ByMember_ChangesOwnProfile()
    {
        var seed = await factory.SeedFamilyAsync();
        var me = seed.Members[3];
        var email = $"New-{Guid.NewGuid():N}@Example.test";

        var payload = (await factory.PostAsAsync(me, Mutation, new { input = new { fullName = "Jo", email, avatarUrl = "https://img.test/jo.png" } }))
            .Payload("updateProfile");

        Assert.Null(payload["errors"]);
        Assert.Equal("Jo", payload["user"]!["fullName"]!.GetValue<string>());
        Assert.Equal(email.ToLowerInvariant(), payload["user"]!["email"]!.GetValue<string>());
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
        var stored = await db.Users.SingleAsync(u => u.Id == me.Id);
        Assert.Equal(("Jo", email.ToLowerInvariant(), "https://img.test/jo.png"), (stored.FullName, stored.Email, stored.AvatarUrl));
    }

    [Fact]
    public async Task UpdateProfile_WithAnotherAccountsEmail_ReturnsEmailTakenError()
    {
        var seed = await factory.SeedFamilyAsync();
        var other = await factory.SeedFamilyAsync();

        var payload = (await factory.PostAsAsync(seed.Members[2], Mutation, new { input = new { email = other.Members[0].Email.ToUpperInvariant() } }))
            .Payload("updateProfile");

        Assert.Equal(("EmailTakenError", "EMAIL_TAKEN"), payload.SingleError());
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
