using System.Text.Json.Nodes;
using GraphQLServer.Relay;
using KdFamily.Graph.LiveUpdates;
using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Graph.Tests.Tasks;
using KdFamily.Testing;

namespace KdFamily.Graph.Tests.Server.BananaCakePop;

/// <summary>
/// A subscription run in Banana Cake Pop itself (headless Chromium, offline, driven through its UI by
/// tests/node/bcp-subscription.mjs) receives an event caused over HTTP: the IDE's own WebSocket, the subprotocol its
/// "Auto" setting negotiates with the server, the Bearer token it puts in connection_init and the event in its response pane.
/// </summary>
public sealed class BananaCakePopSubscriptionTests : IClassFixture<KestrelApiFactory>
{
    private readonly KestrelApiFactory _factory;
    private readonly TaskMutationClient _api;

    public BananaCakePopSubscriptionTests(KestrelApiFactory factory)
    {
        _factory = factory;
        _ = factory.Address; // start Kestrel before anything touches Services
        _api = new TaskMutationClient(factory);
    }

    [Fact]
    public async Task LeaderboardSubscriptionInIde_TaskApprovedOverHttp_IdeShowsFreshStandingsFromItsOwnWebSocket()
    {
        var seed = await _api.SeedAsync();
        var (parent, worker, watcher) = (seed.Members[1], seed.Members[2], seed.Members[3]);
        var familyId = GlobalId.Encode("Family", seed.Family.Id);
        var run = NodeScript.RunAsync("bcp-subscription.mjs", TimeSpan.FromMinutes(3), _factory.Address.ToString(), _api.TokenFor(watcher), familyId, "90000");

        // The IDE's subscription is live once the server holds the family's leaderboard topic on Redis.
        await WaitForServerSubscriptionOrExitAsync(Topics.Family(seed.Family.Id, Topics.LeaderboardUpdated), run);

        using var http = new HttpClient { BaseAddress = _factory.Address };
        var taskId = (await RunAsync("CreateTask", parent, new { title = "Water the plants", points = 20, assignedToId = GlobalId.Encode("User", worker.Id) }, http))
            ["task"]!["id"]!.GetValue<string>();
        await RunAsync("StartTask", worker, new { taskId }, http);
        await RunAsync("CompleteTask", worker, new { taskId, actualMinutes = 10 }, http);
        await RunAsync("ApproveTask", parent, new { taskId }, http);
        var leaderboard = (await http.PostGraphQLAsync(Operations.Load("Leaderboard"), new { familyId }, _api.TokenFor(watcher)))
            ["data"]!["family"]!["leaderboard"]!.AsArray();

        var result = await run;
        Assert.True(result.ExitCode == 0, result.Describe());
        var verdict = result.ParseJsonVerdict();
        Assert.True(verdict["ok"]!.GetValue<bool>(), result.Describe());

        var subscription = verdict["subscription"]!;
        Assert.Equal(new Uri(_factory.Address, "/graphql").ToString().Replace("http://", "ws://", StringComparison.Ordinal), subscription["url"]!.GetValue<string>());
        Assert.Equal(101, subscription["status"]!.GetValue<int>());
        Assert.Equal("graphql-transport-ws", subscription["protocol"]!.GetValue<string>());
        Assert.Equal("subscribe", subscription["messageType"]!.GetValue<string>());
        Assert.Equal("Bearer <the token>", subscription["init"]!["authorization"]!.GetValue<string>());
        Assert.All(verdict["sockets"]!.AsArray(), s => Assert.Equal("graphql-transport-ws", s!["protocol"]?.GetValue<string>()));

        var eventMessage = verdict["event"]!;
        Assert.Equal("next", eventMessage["type"]!.GetValue<string>());
        Assert.Equal(Standings(leaderboard), Standings(eventMessage["payload"]!["data"]!["leaderboardUpdated"]!.AsArray()));
        Assert.StartsWith($"1 {worker.FullName} ", Standings(leaderboard)[0], StringComparison.Ordinal);

        Assert.True(verdict["ide"]!["showsEvent"]!.GetValue<bool>(), result.Describe());
        Assert.Contains($"\"fullName\": \"{worker.FullName}\"", verdict["ide"]!["responseText"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(verdict["blockedRequests"]!.AsArray().Count == 0, "The IDE tried to leave the server:\n" + result.Describe());
    }

    /// <summary>"rank fullName points" per entry, in order.</summary>
    private static List<string> Standings(JsonArray entries) =>
        entries.Select(e => $"{e!["rank"]!.GetValue<int>()} {e["user"]!["fullName"]!.GetValue<string>()} {e["points"]!.GetValue<int>()}").ToList();

    private async Task<JsonNode> RunAsync(string operation, Domain.Users.User caller, object input, HttpClient http)
    {
        var payload = await _api.RunAsync(operation, caller, input, http);
        Assert.True(payload["errors"] is null, payload.ToJsonString());
        return payload;
    }

    private async Task WaitForServerSubscriptionOrExitAsync(string topic, Task<NodeResult> run)
    {
        try
        {
            await _factory.Services.WaitForRedisSubscriberAsync(topic, run);
        }
        catch (InvalidOperationException) when (run.IsCompleted)
        {
            Assert.Fail("The IDE ended before its subscription reached the server.\n" + (await run).Describe());
        }
    }
}
