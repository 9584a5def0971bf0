using System.Text.Json.Nodes;
using GraphQLServer.Relay;
using KdFamily.Graph.Tests.Infrastructure;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NodaTime;
using Snapshooter.Xunit;

namespace KdFamily.Graph.Tests.SchemaRoot;

/// <summary>
/// Pins the results of the read operations in schema/operations, run verbatim on a deterministic family with the
/// clock frozen. Only values that differ per run (global IDs, cursors, generated usernames) are masked; the tests
/// check those separately where it matters. FamilyDashboard has its own snapshot in ReadGraph/FamilyDashboardTests.
/// </summary>
public sealed class ReadOperationsSnapshotTests(FixedClockApiFactory factory) : IClassFixture<FixedClockApiFactory>
{
    private static readonly Instant Now = FixedClockApiFactory.Now;

    [Fact]
    public async Task Me_SeededMember_MatchesSnapshot()
    {
        var seed = await SeedAsync();
        var caller = seed.Members[3];
        using var client = factory.CreateClient();

        var result = await client.PostGraphQLAsync(Operations.Load("Me"), accessToken: factory.TokenFor(caller));

        var me = Data(result)["me"]!;
        Assert.Equal(GlobalId.Encode("User", caller.Id), me["id"]!.GetValue<string>());
        Assert.Equal(caller.Username, me["username"]!.GetValue<string>());
        Assert.Equal(caller.Email, me["email"]!.GetValue<string>());
        Assert.Equal(GlobalId.Encode("Family", seed.Family.Id), me["family"]!["id"]!.GetValue<string>());
        Snapshot.Match(ToJObject(result), o => o.IgnoreAllFields("id").IgnoreField("data.me.username").IgnoreField("data.me.email"));
    }

    [Fact]
    public async Task FamilyTasks_OpenTasksByDueDateInPagesOfThree_MatchSnapshot()
    {
        var seed = await SeedAsync();
        using var client = factory.CreateClient();
        var familyId = GlobalId.Encode("Family", seed.Family.Id);
        var where = new { status = new { @in = new[] { "PENDING", "IN_PROGRESS", "REJECTED" } } };
        var order = new[] { new { dueDate = "ASC" } };

        var first = await client.PostGraphQLAsync(
            Operations.Load("FamilyTasks"), new { familyId, first = 3, where, order }, factory.TokenFor(seed.Advisor));
        var endCursor = Data(first)["family"]!["tasks"]!["pageInfo"]!["endCursor"]!.GetValue<string>();
        var second = await client.PostGraphQLAsync(
            Operations.Load("FamilyTasks"), new { familyId, first = 3, after = endCursor, where, order }, factory.TokenFor(seed.Advisor));

        Assert.Null(second["errors"]);
        Snapshot.Match(
            new JObject { ["firstPage"] = ToJObject(first), ["secondPage"] = ToJObject(second) },
            o => o.IgnoreAllFields("id").IgnoreAllFields("cursor").IgnoreAllFields("startCursor").IgnoreAllFields("endCursor"));
    }

    [Fact]
    public async Task Leaderboard_AllTime_MatchesSnapshot()
    {
        var seed = await SeedAsync();
        using var client = factory.CreateClient();

        var result = await client.PostGraphQLAsync(
            Operations.Load("Leaderboard"),
            new { familyId = GlobalId.Encode("Family", seed.Family.Id), period = "ALL_TIME" },
            factory.TokenFor(seed.Members[2]));

        Data(result);
        Snapshot.Match(ToJObject(result), o => o.IgnoreAllFields("id"));
    }

    [Fact]
    public async Task Node_EachNodeTypeAndUnknownId_MatchesSnapshot()
    {
        var seed = await SeedAsync();
        using var client = factory.CreateClient();
        var ids = new Dictionary<string, string>
        {
            ["family"] = GlobalId.Encode("Family", seed.Family.Id),
            ["user"] = GlobalId.Encode("User", seed.Members[1].Id),
            ["task"] = GlobalId.Encode("Task", seed.Tasks[3].Id),
            ["pointsTransaction"] = GlobalId.Encode("PointsTransaction", seed.Ledger[0].Id),
            ["unknownTask"] = GlobalId.Encode("Task", Guid.NewGuid()),
        };

        var results = new JObject();
        foreach (var (name, id) in ids)
        {
            var result = await client.PostGraphQLAsync(Operations.Load("Node"), new { id }, factory.TokenFor(seed.Advisor));
            var node = Data(result)["node"];
            Assert.True(node is null ? name == "unknownTask" : node["id"]!.GetValue<string>() == id, $"{name}: {result.ToJsonString()}");
            results[name] = ToJObject(result);
        }

        Snapshot.Match(results, o => o.IgnoreAllFields("id"));
    }

    [Fact]
    public async Task PointsHistory_TwoPagesOfThree_MatchSnapshot()
    {
        var seed = await SeedAsync();
        using var client = factory.CreateClient();
        var familyId = GlobalId.Encode("Family", seed.Family.Id);

        var first = await client.PostGraphQLAsync(Operations.Load("PointsHistory"), new { familyId, first = 3 }, factory.TokenFor(seed.Advisor));
        var endCursor = Data(first)["family"]!["pointsHistory"]!["pageInfo"]!["endCursor"]!.GetValue<string>();
        var second = await client.PostGraphQLAsync(
            Operations.Load("PointsHistory"), new { familyId, first = 3, after = endCursor }, factory.TokenFor(seed.Advisor));

        Assert.Equal(seed.Ledger.Count - 3, Data(second)["family"]!["pointsHistory"]!["nodes"]!.AsArray().Count);
        Snapshot.Match(
            new JObject { ["firstPage"] = ToJObject(first), ["secondPage"] = ToJObject(second) },
            o => o.IgnoreAllFields("id").IgnoreAllFields("endCursor"));
    }

    /// <summary>
    /// Four members and twelve tasks in every status (FamilySeed), plus older manual awards so the all-time and weekly
    /// rankings differ and two members tie all-time.
    /// </summary>
    private async Task<FamilySeed> SeedAsync()
    {
        var seed = FamilySeed.Create("Lovelace", memberCount: 4, taskCount: 12, Now);
        seed.Award(seed.Members[1], 40, Now.Minus(Duration.FromDays(30)));
        seed.Award(seed.Members[2], 15, Now.Minus(Duration.FromDays(10)));
        seed.Award(seed.Members[2], 5, Now.Minus(Duration.FromHours(2)));
        await seed.SaveAsync(factory.Services);
        return seed;
    }

    private static JsonNode Data(JsonObject result)
    {
        Assert.True(result["errors"] is null, result.ToJsonString());
        return result["data"]!;
    }

    private static JObject ToJObject(JsonObject result) =>
        JsonConvert.DeserializeObject<JObject>(result.ToJsonString(), new JsonSerializerSettings { DateParseHandling = DateParseHandling.None })!;
}
