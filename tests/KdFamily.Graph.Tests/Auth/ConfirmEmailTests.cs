using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GraphQLServer.Relay;
using KdFamily.Application.Auth;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Data;
using KdFamily.Graph.Auth;
using KdFamily.Graph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace KdFamily.Graph.Tests.Auth;

/// <summary>The second step of an address change: the link updateProfile mails to the new address, on a real Kestrel host.</summary>
public sealed partial class ConfirmEmailTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    private const string RequestChange = "mutation($email: String!) { updateProfile(input: {email: $email}) { pendingEmail errors { __typename } } }";

    [Fact]
    public async Task ConfirmEmail_WithMailedToken_ChangesTheAddressOnceAndTellsTheOldOne()
    {
        using var client = new HttpClient { BaseAddress = factory.KestrelAddress };
        var name = AuthApiClient.NewName("move");
        var registered = await client.RegisterAsync(name);
        var newEmail = $"moved-{name}@example.test";

        var token = await RequestChangeAsync(client, registered, newEmail);
        var (status, _, _) = await client.PostAuthAsync("confirm-email", new { token });

        Assert.Equal(HttpStatusCode.NoContent, status);
        await client.LoginAsync(newEmail);
        (await client.PostAuthAsync("login", new { login = $"{name}@example.test", password = AuthApiClient.Password }))
            .AssertProblem(HttpStatusCode.Unauthorized, AuthProblems.InvalidCredentials);
        (await client.PostAuthAsync("confirm-email", new { token }))
            .AssertProblem(HttpStatusCode.BadRequest, AuthProblems.EmailTokenInvalid);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
        var notices = await db.OutboundEmails.Where(e => e.To == $"{name}@example.test").Select(e => e.Body).ToListAsync();
        Assert.Contains(notices, body => body.Contains(newEmail, StringComparison.Ordinal));
        var userId = GlobalId.Decode(registered["user"].Str("id"), "User");
        Assert.True(await db.AuditLog.AnyAsync(a => a.ActorId == userId && a.Action == AuditActions.EmailChanged));
    }

    [Fact]
    public async Task ConfirmEmail_ForAnAddressAnotherAccountUses_AnswersEmailTakenToTheMailboxOwnerOnly()
    {
        using var client = new HttpClient { BaseAddress = factory.KestrelAddress };
        var name = AuthApiClient.NewName("taker");
        var registered = await client.RegisterAsync(name);
        var owner = AuthApiClient.NewName("owner");
        await client.RegisterAsync(owner);

        var token = await RequestChangeAsync(client, registered, $"{owner}@example.test");
        var response = await client.PostAuthAsync("confirm-email", new { token });

        response.AssertProblem(HttpStatusCode.Conflict, AuthProblems.EmailTaken);
        await client.LoginAsync($"{name}@example.test");
    }

    [Fact]
    public async Task ConfirmEmail_ForAnAddressRegisteredMeanwhile_AnswersEmailTaken()
    {
        using var client = new HttpClient { BaseAddress = factory.KestrelAddress };
        var name = AuthApiClient.NewName("slow");
        var registered = await client.RegisterAsync(name);
        var late = AuthApiClient.NewName("late");

        var token = await RequestChangeAsync(client, registered, $"{late}@example.test");
        await client.RegisterAsync(late);
        var response = await client.PostAuthAsync("confirm-email", new { token });

        response.AssertProblem(HttpStatusCode.Conflict, AuthProblems.EmailTaken);
    }

    [Fact]
    public async Task ConfirmEmail_WithTheLinkOfAnEarlierRequest_ReturnsTokenInvalid()
    {
        using var client = new HttpClient { BaseAddress = factory.KestrelAddress };
        var name = AuthApiClient.NewName("twice");
        var registered = await client.RegisterAsync(name);

        var first = await RequestChangeAsync(client, registered, $"first-{name}@example.test");
        var second = await RequestChangeAsync(client, registered, $"second-{name}@example.test");

        (await client.PostAuthAsync("confirm-email", new { token = first }))
            .AssertProblem(HttpStatusCode.BadRequest, AuthProblems.EmailTokenInvalid);
        var (status, _, _) = await client.PostAuthAsync("confirm-email", new { token = second });
        Assert.Equal(HttpStatusCode.NoContent, status);
    }

    [Fact]
    public async Task ConfirmEmail_WithExpiredToken_ReturnsTokenInvalid()
    {
        using var client = new HttpClient { BaseAddress = factory.KestrelAddress };
        var name = AuthApiClient.NewName("stale");
        var registered = await client.RegisterAsync(name);
        var token = await RequestChangeAsync(client, registered, $"stale-{name}@example.test");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var past = SystemClock.Instance.GetCurrentInstant() - Duration.FromMinutes(1);
            await scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>().EmailChangeRequests
                .Where(r => r.TokenHash == SecureTokens.Hash(token))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.ExpiresAt, past));
        }

        var response = await client.PostAuthAsync("confirm-email", new { token });

        response.AssertProblem(HttpStatusCode.BadRequest, AuthProblems.EmailTokenInvalid);
        await client.LoginAsync($"{name}@example.test");
    }

    [Fact]
    public async Task ConfirmEmail_WithUnknownToken_ReturnsTokenInvalid()
    {
        using var client = new HttpClient { BaseAddress = factory.KestrelAddress };

        var response = await client.PostAuthAsync("confirm-email", new { token = "made-up" });

        response.AssertProblem(HttpStatusCode.BadRequest, AuthProblems.EmailTokenInvalid);
    }

    /// <summary>Asks for the change with updateProfile and returns the token of the confirmation mailed to <paramref name="newEmail"/>.</summary>
    private async Task<string> RequestChangeAsync(HttpClient client, JsonObject registered, string newEmail)
    {
        var response = await client.PostGraphQLAsync(RequestChange, new { email = newEmail }, registered.Str("accessToken"));
        Assert.Equal(newEmail, response["data"]!["updateProfile"]!["pendingEmail"]?.GetValue<string>());
        await using var scope = factory.Services.CreateAsyncScope();
        var mail = await scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>().OutboundEmails
            .Where(e => e.To == newEmail).OrderByDescending(e => e.CreatedAt).FirstAsync();
        var match = ConfirmationLink().Match(mail.Body);
        Assert.True(match.Success, mail.Body);
        return Uri.UnescapeDataString(match.Groups["token"].Value);
    }

    [GeneratedRegex(@"/confirm-email\?token=(?<token>[^\s]+)")]
    private static partial Regex ConfirmationLink();
}
