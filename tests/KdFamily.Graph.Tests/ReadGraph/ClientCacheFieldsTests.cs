using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GraphQLServer.Relay;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Data;
using KdFamily.Domain.Tasks;
using KdFamily.Graph.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace KdFamily.Graph.Tests.ReadGraph;

/// <summary>
/// What normalized client caches and paging UIs need from the read graph (issue 10): ids on every cached object,
/// `totalCount`, backward pages, per-user points history, the Node types File and AuditLogEntry (family-scoped), enum
/// kinds, and the cost of a request in `extensions` when asked for.
/// </summary>
public sealed class ClientCacheFieldsTests(FixedClockApiFactory factory) : IClassFixture<FixedClockApiFactory>
{
    private static readonly Instant Now = FixedClockApiFactory.Now;

    [Fact]
    public async Task TotalCount_FilteredTasks_CountsEveryPageWithTheFilterInOneStatement()
    {
        var seed = await SeedAsync("Count", tasks: 23);
        var pending = seed.Tasks.Count(t => t.Status == FamilyTaskStatus.Pending);
        const string Query = """
            query($id: ID!) { family(id: $id) { tasks(first: 2, where: { status: { eq: PENDING } }) { totalCount edges { cursor } } } }
            """;
        using var counter = new SqlStatementCounter(factory.PostgresConnectionString);

        var result = await QueryAsync(seed, Query, new { id = FamilyId(seed) });

        Assert.Null(result["errors"]);
        var tasks = result["data"]!["family"]!["tasks"]!;
        Assert.Equal(pending, tasks["totalCount"]!.GetValue<int>());
        Assert.Equal(2, tasks["edges"]!.AsArray().Count);
        Assert.Single(counter.Statements, s => s.Contains("count(*)", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task TotalCount_NotSelected_IsNotCounted()
    {
        var seed = await SeedAsync("NoCount", tasks: 5);
        using var counter = new SqlStatementCounter(factory.PostgresConnectionString);

        var result = await QueryAsync(seed, "query($id: ID!) { family(id: $id) { tasks(first: 2) { edges { cursor } } } }", new { id = FamilyId(seed) });

        Assert.Null(result["errors"]);
        Assert.DoesNotContain(counter.Statements, s => s.Contains("count(*)", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task PointsHistory_LastAndBefore_PageBackwardNewestFirst()
    {
        var seed = await SeedAsync("Backward", awards: 5);
        const string Query = """
            query($id: ID!, $last: Int, $before: String) {
              family(id: $id) { pointsHistory(last: $last, before: $before) { totalCount pageInfo { hasPreviousPage startCursor } nodes { points } } }
            }
            """;

        var oldest = (await QueryAsync(seed, Query, new { id = FamilyId(seed), last = 2 }))["data"]!["family"]!["pointsHistory"]!;
        var newer = (await QueryAsync(seed, "query($id: ID!) { family(id: $id) { pointsHistory(first: 3) { nodes { points } pageInfo { endCursor } } } }", new { id = FamilyId(seed) }))
            ["data"]!["family"]!["pointsHistory"]!;
        var before = (await QueryAsync(seed, Query, new { id = FamilyId(seed), last = 2, before = newer["pageInfo"]!["endCursor"]!.GetValue<string>() }))
            ["data"]!["family"]!["pointsHistory"]!;

        // Awards are 1..5 points, oldest first; the ledger reads newest first.
        Assert.Equal([2, 1], Points(oldest));
        Assert.True(oldest["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());
        Assert.Equal(5, oldest["totalCount"]!.GetValue<int>());
        Assert.Equal([5, 4, 3], Points(newer));
        Assert.Equal([5, 4], Points(before));
        Assert.False(before["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());
    }

    [Fact]
    public async Task UserPointsHistory_OwnFamilysMember_ListsTheirRowsOnly_AndAnotherFamilysUserIsNull()
    {
        var seed = await SeedAsync("PerUser", awards: 3);
        seed = await AddAwardsAsync(seed, seed.Members[2], 2);
        var theirs = await SeedAsync("PerUserOther", awards: 2);
        const string Query = """
            query($mine: ID!, $theirs: ID!) {
              mine: user(id: $mine) { pointsHistory(first: 10) { totalCount nodes { user { id } kind } } }
              theirs: user(id: $theirs) { pointsHistory { totalCount } }
              nodes(ids: [$theirs]) { ... on User { pointsHistory { totalCount } } }
            }
            """;

        var result = await QueryAsync(seed, Query, new { mine = UserId(seed.Members[2]), theirs = UserId(theirs.Members[1]) });

        Assert.Null(result["errors"]);
        var history = result["data"]!["mine"]!["pointsHistory"]!;
        Assert.Equal(2, history["totalCount"]!.GetValue<int>());
        Assert.All(history["nodes"]!.AsArray(), n => Assert.Equal(UserId(seed.Members[2]), n!["user"]!["id"]!.GetValue<string>()));
        Assert.All(history["nodes"]!.AsArray(), n => Assert.Equal("MANUAL", n!["kind"]!.GetValue<string>()));
        Assert.Null(result["data"]!["theirs"]);
        Assert.Null(result["data"]!["nodes"]![0]);
    }

    [Fact]
    public async Task LeaderboardEntryAndUserAchievement_Ids_AreStableAndDistinctPerPeriodAndMember()
    {
        var seed = await SeedAsync("Ids");
        const string Query = """
            query($id: ID!) {
              family(id: $id) {
                week: leaderboard(period: WEEK) { id user { id } }
                allTime: leaderboard(period: ALL_TIME) { id user { id } }
                members { achievements { id } }
              }
            }
            """;

        var first = (await QueryAsync(seed, Query, new { id = FamilyId(seed) }))["data"]!["family"]!;
        var second = (await QueryAsync(seed, Query, new { id = FamilyId(seed) }))["data"]!["family"]!;

        var week = Ids(first["week"]!);
        var allTime = Ids(first["allTime"]!);
        var achievements = first["members"]!.AsArray().SelectMany(m => Ids(m!["achievements"]!)).ToList();
        Assert.Equal(seed.Members.Count, week.Distinct().Count());
        Assert.Empty(week.Intersect(allTime));
        Assert.Equal(achievements.Count, achievements.Distinct().Count());
        Assert.Equal(first.ToJsonString(), second.ToJsonString());
    }

    [Fact]
    public async Task Node_FileAndAuditLogEntry_ResolveInTheirFamilyOnly_AuditForAdvisorsOnly()
    {
        var seed = await SeedAsync("Nodes", tasks: 1);
        var theirs = await SeedAsync("NodesOther", tasks: 1);
        var (file, entry) = await AddFileAndAuditRowAsync(seed);
        var (foreignFile, foreignEntry) = await AddFileAndAuditRowAsync(theirs);
        const string Query = """
            query($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on File { fileName sizeInBytes } ... on AuditLogEntry { action } } }
            """;
        var ids = new[] { file, entry, foreignFile, foreignEntry };

        var advisor = await QueryAsync(seed, Query, new { ids });
        var parent = await QueryAsync(seed, Query, new { ids }, seed.Members[1]);

        Assert.Null(advisor["errors"]);
        var nodes = advisor["data"]!["nodes"]!.AsArray();
        Assert.Equal(("File", file, 2048), (nodes[0]!["__typename"]!.GetValue<string>(), nodes[0]!["id"]!.GetValue<string>(), nodes[0]!["sizeInBytes"]!.GetValue<int>()));
        Assert.Equal(("AuditLogEntry", entry), (nodes[1]!["__typename"]!.GetValue<string>(), nodes[1]!["id"]!.GetValue<string>()));
        Assert.Null(nodes[2]);
        Assert.Null(nodes[3]);
        var parentNodes = parent["data"]!["nodes"]!.AsArray();
        Assert.Equal(file, parentNodes[0]!["id"]!.GetValue<string>());
        Assert.Null(parentNodes[1]);
    }

    [Fact]
    public async Task CostExtension_AskedFor_ReportsTheMeasuredCost_AndNotOtherwise()
    {
        var seed = await SeedAsync("Cost", tasks: 1);
        var variables = new { id = GlobalId.Encode("Task", seed.Tasks[0].Id) };
        const string Transitions = "query($id: ID!) { task(id: $id) { transitions(last: 5) { actor { id } } } }";
        const string ManyTransitions = "query($id: ID!) { task(id: $id) { transitions(last: 5000) { at } } }";
        const string UserHistory = "{ me { pointsHistory(first: 20) { totalCount nodes { id } } } }";

        var asked = await PostWithExtensionsAsync(seed, Transitions, variables, new { cost = true });
        var capped = await PostWithExtensionsAsync(seed, ManyTransitions, variables, new { cost = true });
        var history = await PostWithExtensionsAsync(seed, UserHistory, null, new { cost = true });
        var notAsked = await PostWithExtensionsAsync(seed, Transitions, variables, null);

        // task 1 + transitions 1 + 5 × (actor 1 + id 1); a list of at most 100; me 1 + pointsHistory 1 + totalCount 1 + nodes (1 + 20 × id 1).
        Assert.Equal(12, asked["extensions"]!["cost"]!["requestedQueryCost"]!.GetValue<int>());
        Assert.Equal(10_000, asked["extensions"]!["cost"]!["maximumAvailable"]!.GetValue<int>());
        Assert.Equal(102, capped["extensions"]!["cost"]!["requestedQueryCost"]!.GetValue<int>());
        Assert.Equal(24, history["extensions"]!["cost"]!["requestedQueryCost"]!.GetValue<int>());
        Assert.Null(notAsked["extensions"]?["cost"]);
    }

    private async Task<(string File, string Entry)> AddFileAndAuditRowAsync(FamilySeed seed)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
        var file = new TaskAttachment
        {
            TaskId = seed.Tasks[0].Id, FileName = "done.jpg", ContentType = "image/jpeg", SizeBytes = 2048, Url = "https://files.example/done.jpg",
            UploadedById = seed.Advisor.Id, CreatedAt = Now,
        };
        var entry = new AuditLogEntry { FamilyId = seed.Family.Id, ActorId = seed.Advisor.Id, Action = "user.role_changed", At = Now };
        db.AddRange(file, entry);
        await db.SaveChangesAsync();
        return (GlobalId.Encode("File", file.Id), GlobalId.Encode("AuditLogEntry", entry.Id));
    }

    private async Task<FamilySeed> SeedAsync(string name, int tasks = 0, int awards = 0)
    {
        var seed = FamilySeed.Create(name, memberCount: 3, taskCount: tasks, Now);
        for (var i = 1; i <= awards; i++)
        {
            seed.Award(seed.Members[1], i, Now.Minus(Duration.FromMinutes(awards - i)));
        }

        await seed.SaveAsync(factory.Services);
        return seed;
    }

    private async Task<FamilySeed> AddAwardsAsync(FamilySeed seed, Domain.Users.User user, int count)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
        for (var i = 0; i < count; i++)
        {
            db.Add(seed.Award(user, 1, Now.Minus(Duration.FromSeconds(i))));
        }

        await db.SaveChangesAsync();
        return seed;
    }

    private async Task<JsonObject> QueryAsync(FamilySeed seed, string query, object variables, Domain.Users.User? caller = null)
    {
        using var client = factory.CreateClient();
        return await client.PostGraphQLAsync(query, variables, factory.TokenFor(caller ?? seed.Advisor));
    }

    private async Task<JsonObject> PostWithExtensionsAsync(FamilySeed seed, string query, object? variables, object? extensions)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/graphql", UriKind.Relative))
        {
            Content = extensions is null ? JsonContent.Create(new { query, variables }) : JsonContent.Create(new { query, variables, extensions }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", factory.TokenFor(seed.Advisor));
        using var response = await client.SendAsync(request);
        var body = (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(body["errors"] is null, body.ToJsonString());
        return body;
    }

    private static List<int> Points(JsonNode connection) => [.. connection["nodes"]!.AsArray().Select(n => n!["points"]!.GetValue<int>())];

    private static List<string> Ids(JsonNode list) => [.. list.AsArray().Select(n => n!["id"]!.GetValue<string>())];

    private static string FamilyId(FamilySeed seed) => GlobalId.Encode("Family", seed.Family.Id);

    private static string UserId(Domain.Users.User user) => GlobalId.Encode("User", user.Id);
}
