using System.Net;
using KdFamily.Graph.LiveUpdates;
using KdFamily.Graph.Tests.Auth;
using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Graph.Tests.LiveUpdates;
using KdFamily.Testing;

namespace KdFamily.Graph.Tests.Deployment;

/// <summary>
/// The multi-instance deployment (DESIGN §3, README "Scaling past one machine"): two instances on one database and
/// one Redis behind <c>deploy/nginx/nginx.conf</c>. Each test connects from its own loopback address, which nginx
/// passes on in X-Forwarded-For and the instances (ForwardedHeaders:Enabled, loopback proxy) take as the client's.
/// </summary>
public sealed class TwoInstancesBehindNginxTests(TwoInstancesBehindNginx deployment) : IClassFixture<TwoInstancesBehindNginx>
{
    private static readonly string CreateTask = Operations.Load("CreateTask");
    private static readonly string FamilyTasks = Operations.Load("FamilyTasks");
    private static readonly string AuditLog = Operations.Load("FamilyAuditLog");
    private static readonly string RegenerateInviteCode = Operations.Load("RegenerateInviteCode");

    [Fact]
    public async Task Requests_ThroughNginx_AreServedByBothInstancesFromOneDatabase()
    {
        using var client = TwoInstancesBehindNginx.ClientFrom(IPAddress.Parse("127.0.0.2"), deployment.Nginx.BaseAddress);
        var graphqlBefore = deployment.Instances.Select(i => i.Served("POST", "/graphql")).ToArray();
        var username = AuthApiClient.NewName("lb");
        var registered = await client.RegisterAsync(username);
        var token = (await client.LoginAsync(username)).Str("accessToken");
        var familyId = registered["user"].Str("familyId");

        // Mutations and queries alternate over the instances; each must see every write made through the other.
        var titles = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var title = $"Chore {i}";
            var created = await client.PostGraphQLAsync(CreateTask, new { input = new { title, points = 5 } }, token);
            Assert.True(created["errors"] is null && created["data"]!["createTask"]!["errors"] is null, created.ToJsonString());
            titles.Add(title);

            var tasks = await client.PostGraphQLAsync(FamilyTasks, new { familyId, first = 50 }, token);
            var listed = tasks["data"]?["family"]?["tasks"]?["edges"]?.AsArray().Select(e => e!["node"]!["title"]!.GetValue<string>()).Order();
            Assert.Equal(titles.Order(), listed);
        }

        var graphqlServed = deployment.Instances.Select((instance, n) => instance.Served("POST", "/graphql") - graphqlBefore[n]).ToArray();
        Assert.All(graphqlServed, count => Assert.True(count > 0, $"each instance should have served GraphQL requests; served: {string.Join(", ", graphqlServed)}\n{deployment.Nginx.Describe()}"));
        Assert.Equal(12, graphqlServed.Sum());
    }

    [Fact]
    public async Task Refresh_OfTokenIssuedByOneInstance_WorksOnTheOtherAndItsReuseIsDetectedThere()
    {
        using var first = TwoInstancesBehindNginx.ClientFrom(IPAddress.Parse("127.0.0.3"), deployment.First.BaseAddress);
        using var second = TwoInstancesBehindNginx.ClientFrom(IPAddress.Parse("127.0.0.3"), deployment.Second.BaseAddress);
        var username = AuthApiClient.NewName("rt");
        var issued = await first.RegisterAsync(username);

        var (status, refreshed, _) = await second.PostAuthAsync("refresh", new { refreshToken = issued.Str("refreshToken") });
        Assert.True(status == HttpStatusCode.OK, $"refresh on the second instance answered {(int)status}: {refreshed}");
        var me = await first.PostGraphQLAsync("{ me { username } }", accessToken: refreshed.Str("accessToken"));
        Assert.Equal(username, me["data"]?["me"]?["username"]?.GetValue<string>());

        var (reuseStatus, reuse, _) = await first.PostAuthAsync("refresh", new { refreshToken = issued.Str("refreshToken") });
        Assert.Equal(HttpStatusCode.Unauthorized, reuseStatus);
        Assert.Equal("AUTH_REFRESH_TOKEN_REUSED", reuse.Str("code"));
        var (revokedStatus, _, _) = await second.PostAuthAsync("refresh", new { refreshToken = refreshed.Str("refreshToken") });
        Assert.Equal(HttpStatusCode.Unauthorized, revokedStatus);
    }

    [Fact]
    public async Task AuditLog_ThroughNginxWithForgedForwardedFor_RecordsTheClientAddress()
    {
        using var client = TwoInstancesBehindNginx.ClientFrom(IPAddress.Parse("127.0.0.4"), deployment.Nginx.BaseAddress);
        // nginx appends the address it sees; the instances read only that last entry, so the forged one is ignored.
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.7");
        var username = AuthApiClient.NewName("ip");
        var registered = await client.RegisterAsync(username);
        var token = (await client.LoginAsync(username)).Str("accessToken");
        var familyId = registered["user"].Str("familyId");
        var regenerated = await client.PostGraphQLAsync(RegenerateInviteCode, new { input = new { familyId } }, token);
        Assert.True(regenerated["data"]?["regenerateInviteCode"]?["errors"] is null, regenerated.ToJsonString());

        var log = await client.PostGraphQLAsync(AuditLog, new { familyId, first = 10 }, token);

        var entries = log["data"]?["family"]?["auditLog"]?["nodes"]?.AsArray()
            .Select(e => (Action: e!["action"]!.GetValue<string>(), Ip: e["ipAddress"]?.GetValue<string>()))
            .OrderBy(e => e.Action, StringComparer.Ordinal)
            .ToArray() ?? [];
        Assert.Equal(
            [("auth.login_succeeded", "127.0.0.4"), ("auth.registered", "127.0.0.4"), ("family.invite_code_regenerated", "127.0.0.4")],
            entries);
    }

    [Fact]
    public async Task Login_OverOneClientsBudgetThroughNginx_DoesNotLimitAnotherClient()
    {
        using var noisy = TwoInstancesBehindNginx.ClientFrom(IPAddress.Parse("127.0.0.5"), deployment.Nginx.BaseAddress);
        using var quiet = TwoInstancesBehindNginx.ClientFrom(IPAddress.Parse("127.0.0.6"), deployment.Nginx.BaseAddress);
        var rejectedBefore = deployment.Instances.Select(i => i.Served("POST", "/api/v1/auth/login", 429)).ToArray();
        var attempt = new { login = "nobody-" + Guid.NewGuid().ToString("N"), password = "wrong password" };

        // Until each instance has refused the noisy client once: its (shared) budget is spent everywhere.
        var sent = 0;
        while (deployment.Instances.Select((instance, n) => instance.Served("POST", "/api/v1/auth/login", 429) - rejectedBefore[n]).Any(c => c == 0))
        {
            Assert.True(++sent <= 40, $"both instances should refuse once {TwoInstancesBehindNginx.RateLimitPermitLimit} attempts are spent\n{deployment.Nginx.Describe()}");
            var (status, body, _) = await noisy.PostAuthAsync("login", attempt);
            Assert.True(status is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests, $"{(int)status}: {body}");
        }

        var quietAnswers = new List<HttpStatusCode>();
        for (var i = 0; i < 2; i++)
        {
            quietAnswers.Add((await quiet.PostAuthAsync("login", attempt)).Status);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], quietAnswers);
    }

    [Fact]
    public async Task WebSocketSubscription_ThroughNginx_ReceivesStandingsFromMutationsThroughNginx()
    {
        // The handshake needs nginx.conf's Upgrade/Connection headers (without them the client fails before subscribing).
        var flow = new ApprovalFlow(deployment.First);
        var seed = await flow.SeedAsync();
        var endpoint = ReferenceClientLiveUpdatesTests.WebSocketEndpoint(deployment.Nginx.BaseAddress).ToString();
        var run = NodeScript.RunAsync("ws-client.mjs", endpoint, Operations.Load("OnLeaderboardUpdated"), ApprovalFlow.Variables(seed), flow.TokenFor(seed.Members[2]), "1");
        await deployment.First.Services.WaitForRedisSubscriberAsync(Topics.Family(seed.Family.Id, Topics.LeaderboardUpdated), run);

        using var client = TwoInstancesBehindNginx.ClientFrom(IPAddress.Parse("127.0.0.7"), deployment.Nginx.BaseAddress);
        await flow.ApproveNewTaskAsync(seed, client);

        await flow.AssertFreshStandingsAsync(seed, ReferenceClientLiveUpdatesTests.SingleEvent(await run, "leaderboardUpdated"));
    }

    [Fact]
    public async Task SseSubscription_ThroughNginx_ReceivesTheApprovedTaskFromMutationsThroughNginx()
    {
        // The event must come through while the stream is still open (the client ends it after the event). nginx 1.22
        // also forwards it with proxy_buffering on, so this shows SSE works through the committed config, not that
        // its `proxy_buffering off` is what makes it work.
        var flow = new ApprovalFlow(deployment.First);
        var seed = await flow.SeedAsync();
        var endpoint = new Uri(deployment.Nginx.BaseAddress, "/graphql").ToString();
        var run = NodeScript.RunAsync("sse-client.mjs", endpoint, Operations.Load("OnTaskApproved"), ApprovalFlow.Variables(seed), "1", "60000", flow.TokenFor(seed.Members[2]));
        await deployment.First.Services.WaitForRedisSubscriberAsync(Topics.Family(seed.Family.Id, Topics.TaskApproved), run);

        using var client = TwoInstancesBehindNginx.ClientFrom(IPAddress.Parse("127.0.0.8"), deployment.Nginx.BaseAddress);
        var taskId = await flow.ApproveNewTaskAsync(seed, client);

        ApprovalFlow.AssertApprovedTask(seed, taskId, ReferenceClientLiveUpdatesTests.SingleSseEvent(await run, "taskApproved"));
    }
}
