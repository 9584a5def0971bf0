using System.Net;
using GraphQLServer.Relay;
using KdFamily.Domain.Data;
using KdFamily.Graph.Auth;
using KdFamily.Graph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KdFamily.Graph.Tests.Auth;

public sealed class RefreshTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    [Fact]
    public async Task Refresh_WithCurrentToken_RotatesTheToken()
    {
        using var client = factory.CreateClient();
        var registered = await client.RegisterAsync(AuthApiClient.NewName("rot"));

        var (status, body, _) = await client.PostAuthAsync("refresh", new { refreshToken = registered.Str("refreshToken") });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Bearer", body.Str("tokenType"));
        Assert.Equal(registered["user"].Str("id"), body!["user"].Str("id"));
        Assert.NotEqual(registered.Str("refreshToken"), body.Str("refreshToken"));
        var me = await client.PostGraphQLAsync("{ me { username } }", accessToken: body.Str("accessToken"));
        Assert.Equal(registered["user"].Str("username"), me["data"]!["me"].Str("username"));

        // The next token works in turn.
        var (nextStatus, _, _) = await client.PostAuthAsync("refresh", new { refreshToken = body.Str("refreshToken") });
        Assert.Equal(HttpStatusCode.OK, nextStatus);
    }

    [Fact]
    public async Task Refresh_WithSpentToken_RevokesTheWholeSession()
    {
        using var client = factory.CreateClient();
        var registered = await client.RegisterAsync(AuthApiClient.NewName("reuse"));
        var first = registered.Str("refreshToken");
        var (_, second, _) = await client.PostAuthAsync("refresh", new { refreshToken = first });

        var reuse = await client.PostAuthAsync("refresh", new { refreshToken = first });

        reuse.AssertProblem(HttpStatusCode.Unauthorized, AuthProblems.RefreshTokenReused);
        (await client.PostAuthAsync("refresh", new { refreshToken = second.Str("refreshToken") }))
            .AssertProblem(HttpStatusCode.Unauthorized, AuthProblems.RefreshTokenInvalid);
        var userId = GlobalId.Decode(registered["user"].Str("id"), "User");
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
        var session = await db.AuthSessions.SingleAsync(s => s.UserId == userId);
        Assert.NotNull(session.RevokedAt);
        Assert.Equal("refresh_token_reused", session.RevokedReason);
        Assert.True(await db.AuditLog.AnyAsync(a => a.ActorId == userId && a.Action == "auth.refresh_token_reused"));
    }

    [Fact]
    public async Task Refresh_WithUnknownToken_ReturnsRefreshTokenInvalid()
    {
        using var client = factory.CreateClient();

        var response = await client.PostAuthAsync("refresh", new { refreshToken = "bm90LWEtcmVhbC10b2tlbg" });

        response.AssertProblem(HttpStatusCode.Unauthorized, AuthProblems.RefreshTokenInvalid);
    }

    [Fact]
    public async Task Refresh_SameTokenConcurrently_HasExactlyOneWinner()
    {
        using var client = factory.CreateClient();
        var registered = await client.RegisterAsync(AuthApiClient.NewName("race"));
        var token = registered.Str("refreshToken");

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.PostAuthAsync("refresh", new { refreshToken = token })));

        Assert.Single(responses, r => r.Status == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r.Status != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Unauthorized, r.Status));
        var userId = GlobalId.Decode(registered["user"].Str("id"), "User");
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
        // One spent original plus the single token issued to the winner.
        Assert.Equal(2, await db.RefreshTokens.CountAsync(t => t.Session!.UserId == userId));
    }

    [Fact]
    public async Task Logout_WithRefreshToken_EndsTheSession()
    {
        using var client = factory.CreateClient();
        var registered = await client.RegisterAsync(AuthApiClient.NewName("bye"));
        var token = registered.Str("refreshToken");

        var (status, body, _) = await client.PostAuthAsync("logout", new { refreshToken = token });

        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Null(body);
        (await client.PostAuthAsync("refresh", new { refreshToken = token }))
            .AssertProblem(HttpStatusCode.Unauthorized, AuthProblems.RefreshTokenInvalid);
    }

    [Fact]
    public async Task Logout_WithUnknownToken_IsIdempotent()
    {
        using var client = factory.CreateClient();

        var (status, _, _) = await client.PostAuthAsync("logout", new { refreshToken = "unknown-token" });

        Assert.Equal(HttpStatusCode.NoContent, status);
    }

    [Fact]
    public async Task Logout_WithoutToken_ReturnsValidationError()
    {
        using var client = factory.CreateClient();

        var problem = (await client.PostAuthAsync("logout", new { })).AssertProblem(HttpStatusCode.BadRequest, AuthProblems.ValidationError);

        Assert.NotNull(problem["errors"]!["refreshToken"]);
    }
}
