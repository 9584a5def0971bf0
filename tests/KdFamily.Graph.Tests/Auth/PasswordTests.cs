using System.Net;
using System.Text.RegularExpressions;
using GraphQLServer.Relay;
using KdFamily.Application.Auth;
using KdFamily.Domain.Data;
using KdFamily.Graph.Auth;
using KdFamily.Graph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace KdFamily.Graph.Tests.Auth;

public sealed partial class PasswordTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    private const string NewPassword = "a brand new passphrase";

    [Fact]
    public async Task ChangePassword_WithCurrentPassword_ChangesItAndRevokesOtherSessions()
    {
        using var client = factory.CreateClient();
        var name = AuthApiClient.NewName("chg");
        var registered = await client.RegisterAsync(name);
        var other = await client.LoginAsync(name);

        var (status, _, _) = await client.PostAuthAsync(
            "change-password", new { currentPassword = AuthApiClient.Password, newPassword = NewPassword }, registered.Str("accessToken"));

        Assert.Equal(HttpStatusCode.NoContent, status);
        (await client.PostAuthAsync("login", new { login = name, password = AuthApiClient.Password }))
            .AssertProblem(HttpStatusCode.Unauthorized, AuthProblems.InvalidCredentials);
        await client.LoginAsync(name, NewPassword);
        (await client.PostAuthAsync("refresh", new { refreshToken = other.Str("refreshToken") }))
            .AssertProblem(HttpStatusCode.Unauthorized, AuthProblems.RefreshTokenInvalid);
        var (keptStatus, _, _) = await client.PostAuthAsync("refresh", new { refreshToken = registered.Str("refreshToken") });
        Assert.Equal(HttpStatusCode.OK, keptStatus);
        await AssertAuditedAsync(registered, "auth.password_changed");
    }

    [Fact]
    public async Task ChangePassword_WithWrongCurrentPassword_ReturnsInvalidCredentials()
    {
        using var client = factory.CreateClient();
        var registered = await client.RegisterAsync(AuthApiClient.NewName("chgbad"));

        var response = await client.PostAuthAsync(
            "change-password", new { currentPassword = "not my password", newPassword = NewPassword }, registered.Str("accessToken"));

        response.AssertProblem(HttpStatusCode.BadRequest, AuthProblems.InvalidCredentials);
    }

    [Fact]
    public async Task ChangePassword_WithoutToken_ReturnsNotAuthenticated()
    {
        using var client = factory.CreateClient();

        var response = await client.PostAuthAsync("change-password", new { currentPassword = AuthApiClient.Password, newPassword = NewPassword });

        response.AssertProblem(HttpStatusCode.Unauthorized, AuthProblems.NotAuthenticated);
    }

    [Fact]
    public async Task ChangePassword_WithShortNewPassword_ReturnsValidationError()
    {
        using var client = factory.CreateClient();
        var registered = await client.RegisterAsync(AuthApiClient.NewName("chgshort"));

        var problem = (await client.PostAuthAsync(
                "change-password", new { currentPassword = AuthApiClient.Password, newPassword = "short" }, registered.Str("accessToken")))
            .AssertProblem(HttpStatusCode.BadRequest, AuthProblems.ValidationError);

        Assert.NotNull(problem["errors"]!["newPassword"]);
    }

    [Fact]
    public async Task ForgotPassword_ForUnknownAddress_AnswersAcceptedAndSendsNothing()
    {
        using var client = factory.CreateClient();
        var email = $"{AuthApiClient.NewName("ghost")}@example.test";

        var (status, _, _) = await client.PostAuthAsync("forgot-password", new { email });

        Assert.Equal(HttpStatusCode.Accepted, status);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await db.PasswordResetRequests.AnyAsync(r => r.Email == email))
        {
            Assert.True(DateTime.UtcNow < deadline, "the queued request was not processed within 10 s");
            await Task.Delay(50);
        }

        Assert.False(await db.OutboundEmails.AnyAsync(e => e.To == email));
    }

    [Fact]
    public async Task ForgotPassword_ForExistingAccount_QueuesTheRequestAndMailsTheLinkLater()
    {
        using var client = factory.CreateClient();
        var name = AuthApiClient.NewName("queued");
        var registered = await client.RegisterAsync(name);

        await RequestResetTokenAsync(client, name);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
        Assert.False(await db.PasswordResetRequests.AnyAsync(r => r.Email == $"{name}@example.test"));
        await AssertAuditedAsync(registered, "auth.password_reset_requested");
    }

    [Fact]
    public async Task ResetPassword_WithMailedToken_SetsPasswordRevokesSessionsAndIsSingleUse()
    {
        using var client = factory.CreateClient();
        var name = AuthApiClient.NewName("reset");
        var registered = await client.RegisterAsync(name);

        var token = await RequestResetTokenAsync(client, name);
        var (status, _, _) = await client.PostAuthAsync("reset-password", new { token, newPassword = NewPassword });

        Assert.Equal(HttpStatusCode.NoContent, status);
        await client.LoginAsync(name, NewPassword);
        (await client.PostAuthAsync("refresh", new { refreshToken = registered.Str("refreshToken") }))
            .AssertProblem(HttpStatusCode.Unauthorized, AuthProblems.RefreshTokenInvalid);
        (await client.PostAuthAsync("reset-password", new { token, newPassword = "yet another password" }))
            .AssertProblem(HttpStatusCode.BadRequest, AuthProblems.ResetTokenInvalid);
        await AssertAuditedAsync(registered, "auth.password_reset");
    }

    [Fact]
    public async Task ResetPassword_WithExpiredToken_ReturnsResetTokenInvalid()
    {
        using var client = factory.CreateClient();
        var name = AuthApiClient.NewName("expired");
        await client.RegisterAsync(name);
        var token = await RequestResetTokenAsync(client, name);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
            var past = SystemClock.Instance.GetCurrentInstant() - Duration.FromMinutes(1);
            await db.PasswordResetTokens.Where(t => t.TokenHash == SecureTokens.Hash(token))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, past));
        }

        var response = await client.PostAuthAsync("reset-password", new { token, newPassword = NewPassword });

        response.AssertProblem(HttpStatusCode.BadRequest, AuthProblems.ResetTokenInvalid);
        await client.LoginAsync(name);
    }

    [Fact]
    public async Task ResetPassword_WithUnknownToken_ReturnsResetTokenInvalid()
    {
        using var client = factory.CreateClient();

        var response = await client.PostAuthAsync("reset-password", new { token = "made-up", newPassword = NewPassword });

        response.AssertProblem(HttpStatusCode.BadRequest, AuthProblems.ResetTokenInvalid);
    }

    private async Task<string> RequestResetTokenAsync(HttpClient client, string name)
    {
        var email = $"{name.ToLowerInvariant()}@example.test";
        var (status, _, _) = await client.PostAuthAsync("forgot-password", new { email = email.ToUpperInvariant() });
        Assert.Equal(HttpStatusCode.Accepted, status);
        var body = await factory.Services.WaitForSingleMailAsync(email);
        var match = ResetLink().Match(body);
        Assert.True(match.Success, body);
        return Uri.UnescapeDataString(match.Groups["token"].Value);
    }

    private async Task AssertAuditedAsync(System.Text.Json.Nodes.JsonObject registered, string action)
    {
        var userId = GlobalId.Decode(registered["user"].Str("id"), "User");
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>().AuditLog.AnyAsync(a => a.ActorId == userId && a.Action == action));
    }

    [GeneratedRegex(@"/reset-password\?token=(?<token>[^\s]+)")]
    private static partial Regex ResetLink();
}
