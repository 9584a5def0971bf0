using System.Text.Json.Nodes;
using GraphQLServer.Relay;
using KdFamily.Domain.Tasks;
using KdFamily.Graph.Tests.Infrastructure;
using NodaTime;

namespace KdFamily.Graph.Tests.ReadGraph;

public sealed class ReadGraphTests(FixedClockApiFactory factory) : IClassFixture<FixedClockApiFactory>
{
    private static readonly Instant Now = FixedClockApiFactory.Now;

    [Fact]
    public async Task Family_ForeignFamilyId_IsNull()
    {
        var mine = await SeedAsync("Mine");
        var theirs = await SeedAsync("Theirs");

        var result = await QueryAsync(mine, "query($id: ID!) { family(id: $id) { name } }", new { id = GlobalId.Encode("Family", theirs.Family.Id) });

        Assert.Null(result["errors"]);
        Assert.Null(result["data"]!["family"]);
    }

    [Theory]
    [InlineData("not-an-id")]
    [InlineData("!!!")]
    [InlineData("VXNlcjo")]
    public async Task Family_MalformedId_IsNull(string id)
    {
        var mine = await SeedAsync("Malformed");

        var result = await QueryAsync(mine, "query($id: ID!) { family(id: $id) { name } user(id: $id) { id } task(id: $id) { id } node(id: $id) { id } }", new { id });

        Assert.Null(result["errors"]);
        Assert.All(["family", "user", "task", "node"], f => Assert.Null(result["data"]![f]));
    }

    [Fact]
    public async Task User_OtherFamilysUserOrTask_LooksLikeAMissingOne()
    {
        var mine = await SeedAsync("Oracle");
        var theirs = await SeedAsync("Others", tasks: 2);
        var variables = new
        {
            foreignUser = GlobalId.Encode("User", theirs.Members[1].Id),
            missingUser = GlobalId.Encode("User", Guid.NewGuid()),
            foreignTask = GlobalId.Encode("Task", theirs.Tasks[0].Id),
            wrongType = GlobalId.Encode("Task", mine.Members[1].Id),
        };

        var result = await QueryAsync(mine, """
            query($foreignUser: ID!, $missingUser: ID!, $foreignTask: ID!, $wrongType: ID!) {
              a: user(id: $foreignUser) { id } b: user(id: $missingUser) { id } c: task(id: $foreignTask) { id }
              d: task(id: $wrongType) { id } e: nodes(ids: [$foreignUser, $missingUser, $foreignTask]) { id }
            }
            """, variables);

        Assert.Null(result["errors"]);
        Assert.All(["a", "b", "c", "d"], f => Assert.Null(result["data"]![f]));
        Assert.All(result["data"]!["e"]!.AsArray(), Assert.Null);
    }

    [Theory]
    [InlineData("{ me { id } }", "me")]
    [InlineData("{ family(id: \"RmFtaWx5OjA\") { name } }", "family")]
    [InlineData("{ node(id: \"x\") { id } }", "node")]
    [InlineData("{ nodes(ids: []) { id } }", "nodes")]
    [InlineData("{ user(id: \"x\") { id } }", "user")]
    [InlineData("{ task(id: \"x\") { id } }", "task")]
    public async Task Query_WithoutToken_FailsNotAuthenticated(string query, string field)
    {
        using var client = factory.CreateClient();

        var result = await client.PostGraphQLAsync(query);

        var error = Assert.Single(result["errors"]!.AsArray());
        Assert.Equal("AUTH_NOT_AUTHENTICATED", error!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal(field, error["path"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Introspection_WithoutToken_Works()
    {
        using var client = factory.CreateClient();
        var result = await client.PostGraphQLAsync("{ __schema { queryType { name } } }");
        Assert.Null(result["errors"]);
        Assert.Equal("Query", result["data"]!["__schema"]!["queryType"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Node_IdsOfEveryType_RoundTrip()
    {
        var seed = await SeedAsync("RoundTrip", tasks: 5);
        var ids = new[]
        {
            GlobalId.Encode("Family", seed.Family.Id),
            GlobalId.Encode("User", seed.Members[2].Id),
            GlobalId.Encode("Task", seed.Tasks[3].Id),
            GlobalId.Encode("PointsTransaction", seed.Ledger[0].Id),
        };

        var result = await QueryAsync(seed, """
            query($ids: [ID!]!, $first: ID!) {
              nodes(ids: $ids) { __typename id }
              node(id: $first) { ... on Family { name } }
            }
            """, new { ids, first = ids[0] });

        Assert.Null(result["errors"]);
        var nodes = result["data"]!["nodes"]!.AsArray();
        Assert.Equal(["Family", "User", "Task", "PointsTransaction"], nodes.Select(n => n!["__typename"]!.GetValue<string>()));
        Assert.Equal(ids, nodes.Select(n => n!["id"]!.GetValue<string>()));
        Assert.Equal("RoundTrip", result["data"]!["node"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Nodes_MoreThanFifty_FailsValidation()
    {
        var seed = await SeedAsync("TooMany");
        var ids = Enumerable.Range(0, 51).Select(_ => GlobalId.Encode("User", Guid.NewGuid())).ToArray();

        var result = await QueryAsync(seed, "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", new { ids });

        Assert.Equal("VALIDATION_ERROR", result["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Tasks_FirstAfterThenLastBefore_PagesThroughEveryTaskOnce()
    {
        var seed = await SeedAsync("Paging", tasks: 23);
        const string query = """
            query($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
              family(id: $id) { tasks(first: $first, after: $after, last: $last, before: $before, order: [{ createdAt: ASC }]) {
                pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { title } } }
            }
            """;
        var familyId = GlobalId.Encode("Family", seed.Family.Id);
        var titles = new List<string>();
        string? after = null;
        JsonNode page;
        do
        {
            var result = await QueryAsync(seed, query, new { id = familyId, first = 10, after });
            Assert.Null(result["errors"]);
            page = result["data"]!["family"]!["tasks"]!;
            titles.AddRange(page["nodes"]!.AsArray().Select(n => n!["title"]!.GetValue<string>()));
            after = page["pageInfo"]!["endCursor"]?.GetValue<string>();
        }
        while (page["pageInfo"]!["hasNextPage"]!.GetValue<bool>());

        Assert.Equal(seed.Tasks.OrderBy(t => t.CreatedAt).Select(t => t.Title), titles);

        var back = await QueryAsync(seed, query, new { id = familyId, last = 5, before = after });
        var backPage = back["data"]!["family"]!["tasks"]!;
        Assert.Equal(titles.Skip(17).Take(5), backPage["nodes"]!.AsArray().Select(n => n!["title"]!.GetValue<string>()));
        Assert.True(backPage["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());
        Assert.True(backPage["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Tasks_FilterAndSort_AppliesBoth()
    {
        var seed = await SeedAsync("Filter", tasks: 20);
        var assignee = seed.Members[1];

        var result = await QueryAsync(seed, """
            query($id: ID!, $user: ID!) {
              family(id: $id) { tasks(first: 50, where: { status: { in: [PENDING, IN_PROGRESS] }, assignedToId: { eq: $user } }, order: [{ points: DESC }, { createdAt: ASC }]) {
                nodes { title points status assignedTo { id } } } }
            }
            """, new { id = GlobalId.Encode("Family", seed.Family.Id), user = GlobalId.Encode("User", assignee.Id) });

        Assert.Null(result["errors"]);
        var expected = seed.Tasks
            .Where(t => t.Status is FamilyTaskStatus.Pending or FamilyTaskStatus.InProgress && t.AssignedToId == assignee.Id)
            .OrderByDescending(t => t.Points).ThenBy(t => t.CreatedAt)
            .Select(t => t.Title).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, result["data"]!["family"]!["tasks"]!["nodes"]!.AsArray().Select(n => n!["title"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Tasks_PageSizeOverMax_FailsValidation()
    {
        var seed = await SeedAsync("Max");
        var result = await QueryAsync(seed, "query($id: ID!) { family(id: $id) { tasks(first: 51) { nodes { id } } } }", new { id = GlobalId.Encode("Family", seed.Family.Id) });
        Assert.Equal("VALIDATION_ERROR", result["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Leaderboard_AllTimeWithTies_SharesRanksAndListsEveryMember()
    {
        var seed = FamilySeed.Create("Ties", memberCount: 4, taskCount: 0, Now);
        seed.Award(seed.Members[3], 30, Now.Minus(Duration.FromDays(30)));
        seed.Award(seed.Members[1], 30, Now.Minus(Duration.FromDays(20)));
        seed.Award(seed.Members[2], 10, Now.Minus(Duration.FromHours(1)));
        await seed.SaveAsync(factory.Services);

        var result = await QueryAsync(seed, """
            query($id: ID!) { family(id: $id) {
              all: leaderboard(period: ALL_TIME) { rank points user { fullName } }
              week: leaderboard { rank points } } }
            """, new { id = GlobalId.Encode("Family", seed.Family.Id) });

        Assert.Null(result["errors"]);
        var all = result["data"]!["family"]!["all"]!.AsArray();
        Assert.Equal([1, 1, 3, 4], all.Select(e => e!["rank"]!.GetValue<int>()));
        Assert.Equal(["Ties Member 01", "Ties Member 03", "Ties Member 02", "Ties Member 00"], all.Select(e => e!["user"]!["fullName"]!.GetValue<string>()));
        Assert.Equal([10, 0, 0, 0], result["data"]!["family"]!["week"]!.AsArray().Select(e => e!["points"]!.GetValue<int>()));
        Assert.Equal([1, 2, 2, 2], result["data"]!["family"]!["week"]!.AsArray().Select(e => e!["rank"]!.GetValue<int>()));
    }

    [Fact]
    public async Task WeeklyPoints_AroundMondayMidnightInFamilyZone_CountOnlyThisWeek()
    {
        // Now is Wednesday 2026-05-20 12:00Z; in Auckland (UTC+12) the week began Monday 2026-05-18 00:00 = 2026-05-17T12:00Z.
        var seed = FamilySeed.Create("Auckland", memberCount: 2, taskCount: 0, Now, timeZone: "Pacific/Auckland");
        var weekStart = Instant.FromUtc(2026, 5, 17, 12, 0);
        seed.Award(seed.Members[1], 3, weekStart.Minus(Duration.FromSeconds(1)));
        seed.Award(seed.Members[1], 5, weekStart);
        await seed.SaveAsync(factory.Services);

        var result = await QueryAsync(seed, "query($id: ID!) { node(id: $id) { ... on User { weeklyPoints totalPoints family { weeklyStats { weekStart weekStartDate pointsEarned } } } } }",
            new { id = GlobalId.Encode("User", seed.Members[1].Id) });

        Assert.Null(result["errors"]);
        var user = result["data"]!["node"]!;
        Assert.Equal(5, user["weeklyPoints"]!.GetValue<int>());
        Assert.Equal(8, user["totalPoints"]!.GetValue<int>());
        Assert.Equal("2026-05-17T12:00:00.000+00:00", user["family"]!["weeklyStats"]!["weekStart"]!.GetValue<string>());
        Assert.Equal("2026-05-18", user["family"]!["weeklyStats"]!["weekStartDate"]!.GetValue<string>());
    }

    [Fact]
    public async Task User_CompletedButUnapprovedTasks_DoNotCountInStreaks()
    {
        var seed = FamilySeed.Create("Streaks", memberCount: 3, taskCount: 0, Now);
        var kid = seed.Members[2];
        foreach (var daysAgo in new[] { 1, 2 })
        {
            var at = Now - Duration.FromDays(daysAgo);
            seed.AddTask($"Approved {daysAgo}", FamilyTaskStatus.Approved, kid, 5, null, at, completedAt: at);
        }

        // Unapproved work today and the day before the run would make both streaks 4 if it counted.
        foreach (var completed in new[] { Now - Duration.FromHours(1), Now - Duration.FromDays(3) })
        {
            seed.AddTask("Waiting for approval", FamilyTaskStatus.Completed, kid, 5, null, completed, completedAt: completed);
        }

        await seed.SaveAsync(factory.Services);

        var result = await QueryAsync(seed, "query($id: ID!) { user(id: $id) { currentStreak longestStreak } }", new { id = GlobalId.Encode("User", kid.Id) });

        Assert.Null(result["errors"]);
        var user = result["data"]!["user"]!;
        Assert.Equal((2, 2), (user["currentStreak"]!.GetValue<int>(), user["longestStreak"]!.GetValue<int>()));
    }

    private async Task<FamilySeed> SeedAsync(string name, int tasks = 0)
    {
        var seed = FamilySeed.Create(name, memberCount: 3, taskCount: tasks, Now);
        seed.Award(seed.Members[1], 1, Now);
        await seed.SaveAsync(factory.Services);
        return seed;
    }

    private async Task<JsonObject> QueryAsync(FamilySeed seed, string query, object variables)
    {
        using var client = factory.CreateClient();
        return await client.PostGraphQLAsync(query, variables, factory.TokenFor(seed.Advisor));
    }
}
