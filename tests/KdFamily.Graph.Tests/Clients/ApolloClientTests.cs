using GraphQLServer.Relay;
using KdFamily.Domain.Tasks;
using KdFamily.Graph.LiveUpdates;
using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Graph.Tests.LiveUpdates;
using KdFamily.Graph.Tests.Tasks;
using KdFamily.Testing;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Graph.Tests.Clients;

/// <summary>
/// Apollo Client 4 (tests/node/clients/apollo.mjs) against the real host on Kestrel, set up as a frontend team does:
/// the committed operations, InMemoryCache with possibleTypes and relayStylePagination on Family.tasks, GraphQLWsLink.
/// </summary>
public sealed class ApolloClientTests : IClassFixture<KestrelApiFactory>
{
    private readonly KestrelApiFactory _host;
    private readonly TaskMutationClient _api;

    public ApolloClientTests(KestrelApiFactory host)
    {
        _host = host;
        _ = host.Address; // Kestrel before anything touches Services
        _api = new TaskMutationClient(host);
    }

    private string Url => new Uri(_host.Address, "/graphql").ToString();

    [Fact]
    public async Task ApolloClient_TaskWorkflow_NormalizesEveryPayloadIntoTheCachedTaskWithoutRefetching()
    {
        var seed = await _api.SeedAsync();

        var verdict = await ClientScript.RunAsync("apollo.mjs", "workflow", new
        {
            url = Url,
            familyId = GlobalId.Encode("Family", seed.Family.Id),
            parentToken = _api.TokenFor(seed.Members[1]),
            memberToken = _api.TokenFor(seed.Members[2]),
            memberId = GlobalId.Encode("User", seed.Members[2].Id),
        });

        // The watched Node query saw each status once, from the one fetch and the three mutation payloads.
        Assert.Equal(["PENDING", "IN_PROGRESS", "COMPLETED", "APPROVED"], verdict["statuses"]!.AsArray().Select(s => s!.GetValue<string>()).Distinct());
        var taskId = GlobalId.Decode(verdict["taskId"]!.GetValue<string>(), "Task");
        var stored = await _api.DbAsync(db => db.Tasks.SingleAsync(t => t.Id == taskId));
        Assert.Equal(FamilyTaskStatus.Approved, stored.Status);
    }

    [Fact]
    public async Task ApolloClient_FetchMoreOnFamilyTasks_GrowsTheCachedConnectionPageByPage()
    {
        var seed = await _api.SeedAsync(s =>
        {
            for (var i = 0; i < 6; i++)
            {
                s.AddTask($"Paged {i}", FamilyTaskStatus.Pending, null, 5, TaskMutationClient.Now.Plus(NodaTime.Duration.FromHours(i + 1)), TaskMutationClient.Now);
            }
        });
        var familyId = GlobalId.Encode("Family", seed.Family.Id);
        var token = _api.TokenFor(seed.Members[1]);
        using var http = _host.CreateClient();
        var all = await http.PostGraphQLAsync(Operations.Load("FamilyTasks"), new { familyId, first = 6 }, token);
        var expectedIds = all["data"]!["family"]!["tasks"]!["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(6, expectedIds.Count);

        var verdict = await ClientScript.RunAsync("apollo.mjs", "fetch-more", new { url = Url, familyId, token, expectedIds });

        Assert.Equal([2, 4, 6], verdict["sizes"]!.AsArray().Select(s => s!.GetValue<int>()));
        Assert.Equal(["FamilyTasks", "FamilyTasks", "FamilyTasks"], verdict["requests"]!.AsArray().Select(s => s!.GetValue<string>()));
    }

    [Fact]
    public async Task ApolloClient_TaskUpdatedOverGraphQLWsLink_UpdatesTheCachedTask()
    {
        FamilyTask task = null!;
        var seed = await _api.SeedAsync(s => task = s.AddTask("Water the plants", FamilyTaskStatus.Pending, s.Members[2], 10, null, TaskMutationClient.Now));
        var taskId = GlobalId.Encode("Task", task.Id);

        var run = ClientScript.RunAsync("apollo.mjs", "subscription", new
        {
            url = Url,
            wsUrl = ReferenceClientLiveUpdatesTests.WebSocketEndpoint(_host.Address).ToString(),
            token = _api.TokenFor(seed.Members[2]),
            familyId = GlobalId.Encode("Family", seed.Family.Id),
            taskId,
            expectedStatus = "IN_PROGRESS",
        });
        await _host.Services.WaitForRedisSubscriberAsync(Topics.Family(seed.Family.Id, Topics.TaskUpdated), run);
        var started = await _api.RunAsync("StartTask", seed.Members[2], new { taskId });
        Assert.True(started["errors"] is null, started.ToJsonString());

        var verdict = await run;
        Assert.Equal(("PENDING", "IN_PROGRESS"), (verdict["before"]!.GetValue<string>(), verdict["after"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ApolloClient_FamilyLeaderboardUpdatedOverGraphQLWsLink_UpdatesTheCachedStandings()
    {
        var flow = new ApprovalFlow(_host);
        var seed = await flow.SeedAsync();
        var familyId = ApprovalFlow.FamilyId(seed);
        var token = flow.TokenFor(seed.Members[2]);

        var run = ClientScript.RunAsync("apollo.mjs", "leaderboard", new
        {
            url = Url,
            wsUrl = ReferenceClientLiveUpdatesTests.WebSocketEndpoint(_host.Address).ToString(),
            token,
            familyId,
            userId = GlobalId.Encode("User", seed.Members[2].Id),
            minPoints = ApprovalFlow.TaskPoints + ApprovalFlow.BonusPoints,
        });
        await _host.Services.WaitForRedisSubscriberAsync(Topics.Family(seed.Family.Id, Topics.LeaderboardUpdated), run);
        await flow.ApproveNewTaskAsync(seed);

        var verdict = await run;
        using var http = _host.CreateClient();
        var now = await http.PostGraphQLAsync(Operations.Load("Leaderboard"), new { familyId }, token);
        Assert.Equal(
            now["data"]!["family"]!["leaderboard"]!.AsArray().Select(e => $"{e!["rank"]} {e["user"]!["id"]} {e["points"]}"),
            verdict["standings"]!.AsArray().Select(e => $"{e!["rank"]} {e["userId"]} {e["points"]}"));
    }
}
