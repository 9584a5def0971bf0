using GraphQLServer.Relay;
using KdFamily.Domain.Families;
using KdFamily.Domain.Tasks;
using KdFamily.Graph.Tests.Infrastructure;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NodaTime;
using Snapshooter.Xunit;

namespace KdFamily.Graph.Tests.ReadGraph;

public sealed class FamilyDashboardTests(FixedClockApiFactory factory) : IClassFixture<FixedClockApiFactory>
{
    private static readonly Instant Now = FixedClockApiFactory.Now;

    [Fact]
    public async Task FamilyDashboard_SmallAndLargeFamily_RunTheSameBoundedNumberOfStatements()
    {
        var small = FamilySeed.Create("Small", memberCount: 3, taskCount: 10, Now);
        var large = FamilySeed.Create("Large", memberCount: 12, taskCount: 300, Now);
        await small.SaveAsync(factory.Services);
        await large.SaveAsync(factory.Services);
        var (smallToken, largeToken) = (factory.TokenFor(small.Advisor), factory.TokenFor(large.Advisor));
        using var client = factory.CreateClient();
        await factory.Services.WaitUntilSessionCacheIsTrustedAsync();
        using var counter = new SqlStatementCounter(factory.PostgresConnectionString);

        // A session's first request also reads the session (one primary-key lookup); later ones reuse it from the cache.
        var smallFirst = await CountAsync(client, counter, small, smallToken);
        var sessionLookups = counter.Statements.Count(s => s.Contains("auth_sessions", StringComparison.Ordinal));
        var smallCount = await CountAsync(client, counter, small, smallToken);
        var secondLevel = counter.Statements[^1];
        var largeFirst = await CountAsync(client, counter, large, largeToken);
        var largeCount = await CountAsync(client, counter, large, largeToken);

        // Two round trips: the family, then its members, member stats and active tasks, which the three loaders of the
        // second level send together (one batch, one pooled connection). Before: one round trip per loader.
        Assert.True(smallCount == 2, $"small family: {smallCount} round trips:\n{string.Join("\n---\n", counter.Statements)}");
        Assert.All(["FROM users u WHERE u.family_id", "FROM points_history h", "FROM tasks t"], table => Assert.Contains(table, secondLevel, StringComparison.Ordinal));
        Assert.Equal(smallCount, largeCount);
        Assert.Equal(1, sessionLookups);
        Assert.Equal(smallCount + 1, smallFirst);
        Assert.Equal(largeCount + 1, largeFirst);
    }

    [Fact]
    public async Task FamilyDashboard_SeededFamily_MatchesSnapshot()
    {
        var seed = FamilySeed.Create("Snapshot", memberCount: 3, taskCount: 0, Now);
        var (ada, bob, cy) = (seed.Members[0], seed.Members[1], seed.Members[2]);
        // Bob: approved work on three consecutive days ending yesterday, plus a manual award last week.
        for (var day = 1; day <= 3; day++)
        {
            seed.AddTask($"Dishes -{day}", FamilyTaskStatus.Approved, bob, points: 10, due: null, created: Now.Minus(Duration.FromDays(day)));
        }

        seed.Award(bob, 7, Now.Minus(Duration.FromDays(9)));
        // Cy: approved today; Ada: nothing.
        seed.AddTask("Laundry", FamilyTaskStatus.Approved, cy, points: 20, due: null, created: Now.Minus(Duration.FromHours(1)));
        seed.AddTask("Hoover", FamilyTaskStatus.Pending, null, points: 5, due: Now.Plus(Duration.FromDays(1)), created: Now);
        seed.AddTask("Windows", FamilyTaskStatus.InProgress, cy, points: 15, due: Now.Plus(Duration.FromDays(2)), created: Now);
        seed.AddTask("Garden", FamilyTaskStatus.Rejected, bob, points: 15, due: null, created: Now);
        await seed.SaveAsync(factory.Services);
        using var client = factory.CreateClient();

        var result = await client.PostGraphQLAsync(
            Operations.Load("FamilyDashboard"), new { familyId = GlobalId.Encode("Family", seed.Family.Id) }, factory.TokenFor(ada));

        Assert.Null(result["errors"]);
        Snapshot.Match(
            JsonConvert.DeserializeObject<JObject>(result.ToJsonString(), new JsonSerializerSettings { DateParseHandling = DateParseHandling.None }),
            options => options.IgnoreAllFields("id"));
    }

    private static async Task<int> CountAsync(HttpClient client, SqlStatementCounter counter, FamilySeed seed, string token)
    {
        counter.Reset();
        var result = await client.PostGraphQLAsync(
            Operations.Load("FamilyDashboard"), new { familyId = GlobalId.Encode("Family", seed.Family.Id) }, token);
        Assert.Null(result["errors"]);
        var family = result["data"]!["family"]!;
        Assert.Equal(seed.Members.Count, family["members"]!.AsArray().Count);
        Assert.Equal(seed.Members.Count, family["leaderboard"]!.AsArray().Count);
        // activeTasks lists at most the 200 soonest due (the large family has 240 open tasks).
        Assert.Equal(Math.Min(seed.Tasks.Count(t => t.Status != FamilyTaskStatus.Approved), FamilyLimits.MaxActiveTasksListed), family["activeTasks"]!.AsArray().Count);
        return counter.Count;
    }
}
