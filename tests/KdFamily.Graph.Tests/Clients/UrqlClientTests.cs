using GraphQLServer.Relay;
using KdFamily.Domain.Tasks;
using KdFamily.Graph.LiveUpdates;
using KdFamily.Graph.Tests.Tasks;
using KdFamily.Testing;

namespace KdFamily.Graph.Tests.Clients;

/// <summary>
/// urql (@urql/core 6, tests/node/clients/urql.mjs) against the real host on Kestrel: queries and mutations through its
/// default exchanges, subscriptions over graphql-sse through urql's subscriptionExchange.
/// </summary>
public sealed class UrqlClientTests : IClassFixture<KestrelApiFactory>
{
    private readonly KestrelApiFactory _host;
    private readonly TaskMutationClient _api;

    public UrqlClientTests(KestrelApiFactory host)
    {
        _host = host;
        _ = host.Address; // Kestrel before anything touches Services
        _api = new TaskMutationClient(host);
    }

    private string Url => new Uri(_host.Address, "/graphql").ToString();

    [Fact]
    public async Task Urql_DefaultExchanges_QueryAndMutationAnswerJson()
    {
        var seed = await _api.SeedAsync(s => s.AddTask("Dishes", FamilyTaskStatus.Pending, null, 5, null, TaskMutationClient.Now));

        // urql's fetchExchange sends its own Accept (graphql-response+json, graphql+json, json, event-stream, multipart):
        // a query and a mutation must come back as one JSON result, not as a stream.
        var verdict = await ClientScript.RunAsync("urql.mjs", "query-mutation", new
        {
            url = Url,
            familyId = GlobalId.Encode("Family", seed.Family.Id),
            parentToken = _api.TokenFor(seed.Members[1]),
            memberId = GlobalId.Encode("User", seed.Members[2].Id),
        });

        Assert.Equal((1, "INVALID_TRANSITION"), (verdict["tasks"]!.GetValue<int>(), verdict["refused"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Urql_TaskUpdatedOverGraphQLSse_ReceivesTheChangedTask()
    {
        FamilyTask task = null!;
        var seed = await _api.SeedAsync(s => task = s.AddTask("Feed the cat", FamilyTaskStatus.Pending, s.Members[2], 10, null, TaskMutationClient.Now));
        var taskId = GlobalId.Encode("Task", task.Id);

        var run = ClientScript.RunAsync("urql.mjs", "sse-subscription", new
        {
            url = Url,
            token = _api.TokenFor(seed.Members[2]),
            familyId = GlobalId.Encode("Family", seed.Family.Id),
            taskId,
            expectedStatus = "IN_PROGRESS",
        });
        await _host.Services.WaitForRedisSubscriberAsync(Topics.Family(seed.Family.Id, Topics.TaskUpdated), run);
        var started = await _api.RunAsync("StartTask", seed.Members[2], new { taskId });
        Assert.True(started["errors"] is null, started.ToJsonString());

        var verdict = await run;
        Assert.Equal((taskId, "IN_PROGRESS"), (verdict["event"]!["id"]!.GetValue<string>(), verdict["event"]!["status"]!.GetValue<string>()));
    }
}
