using System.Security.Claims;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.LiveUpdates;
using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Graph.Tests.Server.WebSockets;
using KdFamily.Graph.Tests.Tasks;
using KdFamily.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace KdFamily.Graph.Tests.LiveUpdates;

/// <summary>The real schema's subscriptions over raw WebSockets (ClientWebSocket) on the real host: per-operation failures and token expiry.</summary>
public sealed class WebSocketLiveUpdatesTests : IClassFixture<KestrelApiFactory>
{
    private static readonly string OnLeaderboardUpdated = Operations.Load("OnLeaderboardUpdated");
    private static readonly string OnTaskApproved = Operations.Load("OnTaskApproved");

    private readonly KestrelApiFactory _host;
    private readonly ApprovalFlow _flow;

    public WebSocketLiveUpdatesTests(KestrelApiFactory host)
    {
        _host = host;
        _ = host.Address;
        _flow = new ApprovalFlow(host);
    }

    [Fact]
    public async Task Subscribe_ToAnotherFamily_FailsThatOperationAndTheSocketKeepsServingOthers()
    {
        var seed = await _flow.SeedAsync();
        var other = await _flow.SeedAsync();
        await using var socket = await ConnectAsync(_flow.TokenFor(seed.Members[2]));

        // The document is valid, so (as in graphql-ws' reference server, where graphql-js' subscribe() returns a result
        // with errors when the source stream cannot be created) the failure is a `next` with errors, then `complete`.
        await socket.SendAsync(Subscribe("foreign", OnLeaderboardUpdated, other));
        var refused = await socket.ReceiveAsync();
        var ended = await socket.ReceiveAsync();
        Assert.Equal(("next", "foreign"), (refused["type"]!.GetValue<string>(), refused["id"]!.GetValue<string>()));
        Assert.True(refused["payload"]!["data"] is null, refused.ToJsonString());
        Assert.Equal(ErrorCodes.NotFound, refused["payload"]!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal(("complete", "foreign"), (ended["type"]!.GetValue<string>(), ended["id"]!.GetValue<string>()));

        await socket.SendAsync(Subscribe("own", OnTaskApproved, seed));
        await _host.Services.WaitForRedisSubscriberAsync(Topics.Family(seed.Family.Id, Topics.TaskApproved));
        var taskId = await _flow.ApproveNewTaskAsync(seed);

        var next = await socket.ReceiveAsync();
        Assert.Equal(("next", "own"), (next["type"]!.GetValue<string>(), next["id"]!.GetValue<string>()));
        Assert.True(next["payload"]!["errors"] is null, next.ToJsonString());
        ApprovalFlow.AssertApprovedTask(seed, taskId, next["payload"]!["data"]!["taskApproved"]!);
    }

    [Fact]
    public async Task LiveSubscription_AccessTokenExpires_ClosesWith4403AndReleasesTheSubscription()
    {
        var seed = await _flow.SeedAsync();
        var token = ShortLivedToken(seed.Members[2], TimeSpan.FromSeconds(4));
        await using var socket = await ConnectAsync(token);
        await socket.SendAsync(Subscribe("standings", OnLeaderboardUpdated, seed));
        await _host.Services.WaitForRedisSubscriberAsync(Topics.Family(seed.Family.Id, Topics.LeaderboardUpdated));

        var (messages, code, reason) = await socket.ReceiveUntilCloseAsync();

        Assert.True(code == 4403, $"closed with {code} \"{reason}\" after {string.Join(", ", messages.Select(m => m.ToJsonString()))}");
        Assert.Empty(messages);
        await _host.Services.WaitForNoRedisSubscriberAsync(Topics.Family(seed.Family.Id, Topics.LeaderboardUpdated));
    }

    [Fact]
    public async Task LegacyLiveSubscription_AccessTokenExpires_SendsConnectionErrorThenClosesWith4403()
    {
        var seed = await _flow.SeedAsync();
        var token = ShortLivedToken(seed.Members[2], TimeSpan.FromSeconds(4));
        await using var socket = await WebSocketTestClient.ConnectAsync(ReferenceClientLiveUpdatesTests.WebSocketEndpoint(_host.Address), "graphql-ws");
        await socket.SendAsync(new { type = "connection_init", payload = new { authorization = "Bearer " + token } });
        Assert.Equal("connection_ack", (await socket.ReceiveAsync())["type"]!.GetValue<string>());
        await socket.SendAsync(new { type = "start", id = "standings", payload = new { query = OnLeaderboardUpdated, variables = new { familyId = ApprovalFlow.FamilyId(seed) } } });
        await _host.Services.WaitForRedisSubscriberAsync(Topics.Family(seed.Family.Id, Topics.LeaderboardUpdated));

        var (messages, code, reason) = await socket.ReceiveUntilCloseAsync();

        Assert.True(code == 4403, $"closed with {code} \"{reason}\"");
        Assert.Equal(["connection_error"], messages.Select(m => m["type"]!.GetValue<string>()));
        await _host.Services.WaitForNoRedisSubscriberAsync(Topics.Family(seed.Family.Id, Topics.LeaderboardUpdated));
    }

    /// <summary>A graphql-transport-ws socket on the real host, acknowledged with <paramref name="token"/> in connection_init.</summary>
    private Task<WebSocketTestClient> ConnectAsync(string token) =>
        WebSocketTestClient.ConnectAcknowledgedAsync(ReferenceClientLiveUpdatesTests.WebSocketEndpoint(_host.Address), token);

    private static object Subscribe(string id, string query, FamilySeed family) =>
        new { type = "subscribe", id, payload = new { query, variables = new { familyId = ApprovalFlow.FamilyId(family) } } };

    /// <summary>
    /// An access token for <paramref name="user"/> that expires after <paramref name="lifetime"/>, signed with the tests'
    /// key (the issuer's configured lifetime cannot go below a minute).
    /// </summary>
    private string ShortLivedToken(User user, TimeSpan lifetime)
    {
        var (_, sessionId) = TestTokens.Session(_host.Services, user);
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "kdfamily-tests",
            Audience = "kdfamily-tests",
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Subject = new ClaimsIdentity(
            [
                new Claim(KdFamilyClaims.SessionId, sessionId.ToString()),
                new Claim(KdFamilyClaims.UserId, user.Id.ToString()),
                new Claim(KdFamilyClaims.FamilyId, user.FamilyId.ToString()),
                new Claim(KdFamilyClaims.Role, user.Role.ToString().ToUpperInvariant()),
                new Claim(KdFamilyClaims.Username, user.Username),
            ]),
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(KdFamilyApiFactory.TestSigningKey)), SecurityAlgorithms.HmacSha256),
        });
    }
}
