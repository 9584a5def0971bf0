using KdFamily.Graph.LiveUpdates;
using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Graph.Tests.Server.WebSockets;
using KdFamily.Graph.Tests.Tasks;
using KdFamily.Testing;

namespace KdFamily.Graph.Tests.LiveUpdates;

/// <summary>Two real hosts on one PostgreSQL database and one Redis: a subscriber on one sees changes made on the other.</summary>
public sealed class TwoHostLiveUpdatesTests : IClassFixture<KestrelApiFactory>
{
    private readonly KestrelApiFactory _hostA;

    public TwoHostLiveUpdatesTests(KestrelApiFactory hostA)
    {
        _hostA = hostA;
        _ = hostA.Address;
    }

    [Fact]
    public async Task ApprovalOnHostA_SubscriberOverWebSocketOnHostB_ReceivesFreshStandings()
    {
        await using var hostB = new KdFamilyApiFactory();
        hostB.UseDatabaseOf(_hostA);
        var addressB = hostB.StartKestrel();
        var flowA = new ApprovalFlow(_hostA);
        var seed = await flowA.SeedAsync();

        await using var socket = await WebSocketTestClient.ConnectAsync(ReferenceClientLiveUpdatesTests.WebSocketEndpoint(addressB), "graphql-transport-ws");
        await socket.SendAsync(new { type = "connection_init", payload = new { authorization = "Bearer " + new TaskMutationClient(hostB).TokenFor(seed.Members[3]) } });
        Assert.Equal("connection_ack", (await socket.ReceiveAsync())["type"]!.GetValue<string>());
        await socket.SendAsync(new
        {
            type = "subscribe",
            id = "standings",
            payload = new { query = Operations.Load("OnLeaderboardUpdated"), variables = new { familyId = ApprovalFlow.FamilyId(seed) } },
        });
        await hostB.Services.WaitForRedisSubscriberAsync(Topics.Family(seed.Family.Id, Topics.LeaderboardUpdated));

        using (var clientA = _hostA.CreateClient())
        {
            await flowA.ApproveNewTaskAsync(seed, clientA);
        }

        var next = await socket.ReceiveAsync();
        Assert.Equal(("next", "standings"), (next["type"]!.GetValue<string>(), next["id"]!.GetValue<string>()));
        Assert.True(next["payload"]!["errors"] is null, next.ToJsonString());
        await flowA.AssertFreshStandingsAsync(seed, next["payload"]!["data"]!["leaderboardUpdated"]!);
    }
}
