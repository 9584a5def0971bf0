using System.Text.Json.Nodes;
using KdFamily.Graph.LiveUpdates;
using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Graph.Tests.Tasks;
using KdFamily.Testing;

namespace KdFamily.Graph.Tests.LiveUpdates;

/// <summary>
/// The real schema's subscriptions over the real transports on Kestrel, driven by each protocol's npm reference client
/// with a real access token, while the test approves a task through GraphQL mutations over HTTP.
/// </summary>
public sealed class ReferenceClientLiveUpdatesTests : IClassFixture<KestrelApiFactory>
{
    private static readonly string OnLeaderboardUpdated = Operations.Load("OnLeaderboardUpdated");
    private static readonly string OnTaskApproved = Operations.Load("OnTaskApproved");

    private readonly KestrelApiFactory _host;
    private readonly ApprovalFlow _flow;

    public ReferenceClientLiveUpdatesTests(KestrelApiFactory host)
    {
        _host = host;
        _ = host.Address; // Kestrel before anything touches Services
        _flow = new ApprovalFlow(host);
    }

    [Theory]
    [InlineData("ws-client.mjs")] // graphql-ws: graphql-transport-ws
    [InlineData("legacy-ws-client.mjs")] // subscriptions-transport-ws: graphql-ws
    public async Task WebSocketReferenceClient_ApprovalFlow_ReceivesFreshStandingsAndTheApprovedTask(string script)
    {
        var seed = await _flow.SeedAsync();
        var token = _flow.TokenFor(seed.Members[2]);
        var endpoint = WebSocketEndpoint(_host.Address).ToString();

        var standingsRun = NodeScript.RunAsync(script, endpoint, OnLeaderboardUpdated, ApprovalFlow.Variables(seed), token, "1");
        var approvedRun = NodeScript.RunAsync(script, endpoint, OnTaskApproved, ApprovalFlow.Variables(seed), token, "1");
        await _host.Services.WaitForRedisSubscriberAsync(Topics.Family(seed.Family.Id, Topics.LeaderboardUpdated), standingsRun);
        await _host.Services.WaitForRedisSubscriberAsync(Topics.Family(seed.Family.Id, Topics.TaskApproved), approvedRun);

        var taskId = await _flow.ApproveNewTaskAsync(seed);

        await _flow.AssertFreshStandingsAsync(seed, SingleEvent(await standingsRun, "leaderboardUpdated"));
        ApprovalFlow.AssertApprovedTask(seed, taskId, SingleEvent(await approvedRun, "taskApproved"));
    }

    [Fact]
    public async Task GraphQLSseClient_ApprovalFlow_ReceivesFreshStandingsAndTheApprovedTask()
    {
        var seed = await _flow.SeedAsync();
        var token = _flow.TokenFor(seed.Members[2]);
        var endpoint = new Uri(_host.Address, "/graphql").ToString();

        var standingsRun = NodeScript.RunAsync("sse-client.mjs", endpoint, OnLeaderboardUpdated, ApprovalFlow.Variables(seed), "1", "60000", token);
        var approvedRun = NodeScript.RunAsync("sse-client.mjs", endpoint, OnTaskApproved, ApprovalFlow.Variables(seed), "1", "60000", token);
        await _host.Services.WaitForRedisSubscriberAsync(Topics.Family(seed.Family.Id, Topics.LeaderboardUpdated), standingsRun);
        await _host.Services.WaitForRedisSubscriberAsync(Topics.Family(seed.Family.Id, Topics.TaskApproved), approvedRun);

        var taskId = await _flow.ApproveNewTaskAsync(seed);

        await _flow.AssertFreshStandingsAsync(seed, SingleSseEvent(await standingsRun, "leaderboardUpdated"));
        ApprovalFlow.AssertApprovedTask(seed, taskId, SingleSseEvent(await approvedRun, "taskApproved"));
    }

    internal static Uri WebSocketEndpoint(Uri http) => new(new Uri(http.ToString().Replace("http://", "ws://", StringComparison.Ordinal)), "/graphql");

    /// <summary><c>data.&lt;field&gt;</c> of the one <c>next</c> a WebSocket client script printed before stopping (no errors).</summary>
    internal static JsonNode SingleEvent(NodeResult result, string field)
    {
        Assert.True(result.ExitCode == 0, result.Describe());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => JsonNode.Parse(line)!.AsObject())
            .ToList();
        Assert.True(lines.Any(l => l["event"]!.GetValue<string>() == "enough"), result.Describe());
        var payload = lines.Single(l => l["event"]!.GetValue<string>() == "next")["payload"]!;
        Assert.True(payload["errors"] is null && payload["data"]?[field] is not null, result.Describe());
        return payload["data"]![field]!;
    }

    /// <summary><c>data.&lt;field&gt;</c> of the one event sse-client.mjs received (its verdict line lists them).</summary>
    internal static JsonNode SingleSseEvent(NodeResult result, string field)
    {
        Assert.True(result.ExitCode == 0, result.Describe());
        var verdict = result.ParseJsonVerdict();
        Assert.True(verdict["error"] is null, result.Describe());
        var payload = verdict["events"]!.AsArray().Single()!;
        Assert.True(payload["errors"] is null && payload["data"]?[field] is not null, result.Describe());
        return payload["data"]![field]!;
    }
}
