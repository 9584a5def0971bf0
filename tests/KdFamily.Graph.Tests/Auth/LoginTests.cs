using System.Net;
using GraphQLServer.Relay;
using KdFamily.Domain.Data;
using KdFamily.Graph.Auth;
using KdFamily.Graph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KdFamily.Graph.Tests.Auth;

public sealed class LoginTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    [Fact]
    public async Task Login_WithUsername_ReturnsTokensAndRecordsAudit()
    {
        using var client = factory.CreateClient();
        var name = AuthApiClient.NewName("ada");
        var registered = await client.RegisterAsync(name);

        var body = await client.LoginAsync(name.ToUpperInvariant());

        Assert.Equal("Bearer", body.Str("tokenType"));
        Assert.Equal(registered["user"].Str("id"), body["user"].Str("id"));
        Assert.NotEqual(registered.Str("refreshToken"), body.Str("refreshToken"));
        var userId = GlobalId.Decode(body["user"].Str("id"), "User");
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
        Assert.True(await db.AuditLog.AnyAsync(a => a.ActorId == userId && a.Action == "auth.login_succeeded"));
        Assert.Equal(2, await db.AuthSessions.CountAsync(s => s.UserId == userId));
    }

    [Fact]
    public async Task Login_WithAHugeUserAgent_KeepsOnlyItsFirst500CharactersInTheSessionAndTheAudit()
    {
        using var client = factory.CreateClient();
        var name = AuthApiClient.NewName("agent");
        await client.RegisterAsync(name);
        client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", new string('a', 8_000));

        var body = await client.LoginAsync(name);

        var userId = GlobalId.Decode(body["user"].Str("id"), "User");
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
        var sessionAgents = await db.AuthSessions.Where(s => s.UserId == userId && s.UserAgent != null).Select(s => s.UserAgent!.Length).ToListAsync();
        var auditAgents = await db.AuditLog.Where(a => a.ActorId == userId && a.Action == "auth.login_succeeded").Select(a => a.UserAgent!.Length).ToListAsync();
        Assert.Equal([500], sessionAgents);
        Assert.Equal([500], auditAgents);
    }

    [Fact]
    public async Task Login_WithEmail_ReturnsTokens()
    {
        using var client = factory.CreateClient();
        var name = AuthApiClient.NewName("mail");
        await client.RegisterAsync(name);

        var body = await client.LoginAsync($"{name}@example.test");

        Assert.Equal(name.ToLowerInvariant(), body["user"].Str("username"));
    }

    [Fact]
    public async Task Login_WithWrongPassword_ReturnsInvalidCredentialsAndRecordsFailure()
    {
        using var client = factory.CreateClient();
        var name = AuthApiClient.NewName("wrong");
        var registered = await client.RegisterAsync(name);

        var response = await client.PostAuthAsync("login", new { login = name, password = "not the password" });

        var problem = response.AssertProblem(HttpStatusCode.Unauthorized, AuthProblems.InvalidCredentials);
        Assert.Null(problem["errors"]);
        var userId = GlobalId.Decode(registered["user"].Str("id"), "User");
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
        Assert.True(await db.AuditLog.AnyAsync(a => a.ActorId == userId && a.Action == "auth.login_failed"));
    }

    [Fact]
    public async Task Login_WithUnknownUser_ReturnsTheSameProblemAsAWrongPassword()
    {
        using var client = factory.CreateClient();

        var response = await client.PostAuthAsync("login", new { login = "nobody-at-all", password = AuthApiClient.Password });

        var problem = response.AssertProblem(HttpStatusCode.Unauthorized, AuthProblems.InvalidCredentials);
        Assert.Equal("The login or password is wrong.", problem.Str("title"));
    }

    [Fact]
    public async Task Login_WithoutPassword_ReturnsValidationErrorNamingIt()
    {
        using var client = factory.CreateClient();

        var problem = (await client.PostAuthAsync("login", new { login = "someone" }))
            .AssertProblem(HttpStatusCode.BadRequest, AuthProblems.ValidationError);

        Assert.NotNull(problem["errors"]!["password"]);
    }
}
