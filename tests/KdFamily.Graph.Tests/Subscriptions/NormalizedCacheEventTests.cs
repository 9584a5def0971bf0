using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.Types;
using KdFamily.Domain.Tasks;
using KdFamily.Graph.SchemaRoot;
using KdFamily.Graph.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KdFamily.Graph.Tests.Subscriptions;

/// <summary>
/// Every subscription's event must update a normalized client cache (Apollo InMemoryCache, urql Graphcache, Relay)
/// with no custom code: the objects it carries have an `id`, and the events that change lists send the object holding
/// the list (the family), so the cache replaces the list instead of keeping a stale one.
/// </summary>
public sealed class NormalizedCacheEventTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    private const string FamilyLeaderboard = """
        subscription($familyId: ID!) {
          familyLeaderboardUpdated(familyId: $familyId) { __typename id leaderboard(period: WEEK) { __typename id rank points user { id } } }
        }
        """;

    private readonly SubscriptionScenario _scenario = new(factory);

    [Fact]
    public async Task FamilyLeaderboardUpdated_AwardPoints_SendsTheFamilyWithTheEntriesAQueryHolds_ToOwnFamilyOnly()
    {
        var family = await _scenario.SeedAsync();
        var otherFamily = await _scenario.SeedAsync();
        using var subscriber = await LiveSubscription.StartDocumentAsync(factory.Services, FamilyLeaderboard, new { familyId = SubscriptionScenario.FamilyId(family) }, family.Members[2]);
        using var other = await LiveSubscription.StartDocumentAsync(factory.Services, FamilyLeaderboard, new { familyId = SubscriptionScenario.FamilyId(otherFamily) }, otherFamily.Members[2]);
        Assert.Null(subscriber.Errors);

        await AwardAsync(family);
        var update = await subscriber.NextAsync("familyLeaderboardUpdated");
        var queried = await QueryLeaderboardAsync(family);

        Assert.Equal(("Family", SubscriptionScenario.FamilyId(family)), (update["__typename"]!.GetValue<string>(), update["id"]!.GetValue<string>()));
        var top = update["leaderboard"]![0]!;
        Assert.Equal((SubscriptionScenario.UserId(family.Members[3]), 1, 7), (top["user"]!["id"]!.GetValue<string>(), top["rank"]!.GetValue<int>(), top["points"]!.GetValue<int>()));
        Assert.Equal(queried.ToJsonString(), update["leaderboard"]!.ToJsonString());

        await AwardAsync(otherFamily);
        Assert.Equal(SubscriptionScenario.FamilyId(otherFamily), (await other.NextAsync("familyLeaderboardUpdated"))["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task FamilyTaskDeleted_DeleteTask_SendsTheTaskIdAndTheFamilysListsWithoutIt()
    {
        var seed = await _scenario.SeedAsync(s =>
        {
            SubscriptionScenario.AddTask(s, FamilyTaskStatus.Pending);
            SubscriptionScenario.AddTask(s, FamilyTaskStatus.Pending);
        });
        using var subscriber = await LiveSubscription.StartDocumentAsync(
            factory.Services,
            "subscription($familyId: ID!) { familyTaskDeleted(familyId: $familyId) { taskId family { id activeTasks { id } } } }",
            new { familyId = SubscriptionScenario.FamilyId(seed) },
            seed.Members[2]);

        await _scenario.RunAsync("DeleteTask", seed.Members[1], new { taskId = SubscriptionScenario.TaskId(seed, 0) });
        var deletion = await subscriber.NextAsync("familyTaskDeleted");

        Assert.Equal(SubscriptionScenario.TaskId(seed, 0), deletion["taskId"]!.GetValue<string>());
        Assert.Equal(SubscriptionScenario.FamilyId(seed), deletion["family"]!["id"]!.GetValue<string>());
        Assert.Equal([SubscriptionScenario.TaskId(seed, 1)], deletion["family"]!["activeTasks"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task TaskCreated_SelectingTheTasksFamily_SendsTheFamilysListWithTheNewTask()
    {
        var seed = await _scenario.SeedAsync();
        using var subscriber = await LiveSubscription.StartDocumentAsync(
            factory.Services,
            "subscription($familyId: ID!) { taskCreated(familyId: $familyId) { id family { id activeTasks { id } } } }",
            new { familyId = SubscriptionScenario.FamilyId(seed) },
            seed.Members[2]);

        var created = await _scenario.CreateTaskAsync(seed);
        var task = await subscriber.NextAsync("taskCreated");

        Assert.Equal(created, task["id"]!.GetValue<string>());
        Assert.Contains(created, task["family"]!["activeTasks"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()));
    }

    [Fact]
    public void EverySubscription_CarriesObjectsWithIds_OrIsDeprecated()
    {
        var schema = factory.Services.GetRequiredService<KdFamilySchema>();
        schema.Initialize();

        // MaintenanceNotice is an announcement, not cached state: Apollo keeps it under ROOT_SUBSCRIPTION unnormalized.
        var lacking = schema.Subscription!.Fields
            .Where(f => f.DeprecationReason is null && f.Name != "systemMaintenance")
            .Where(f => f.ResolvedType!.GetNamedType() is not IComplexGraphType type || !CarriesIds(type))
            .Select(f => f.Name)
            .ToList();

        Assert.Empty(lacking);
        Assert.NotNull(schema.Subscription.GetField("leaderboardUpdated")!.DeprecationReason);
        Assert.NotNull(schema.Subscription.GetField("taskDeleted")!.DeprecationReason);
    }

    /// <summary>The type has an `id`, or is a payload whose objects all have one.</summary>
    private static bool CarriesIds(IComplexGraphType type) =>
        type.HasField("id")
        || type.Fields.Where(f => f.ResolvedType!.GetNamedType() is IComplexGraphType).All(f => ((IComplexGraphType)f.ResolvedType!.GetNamedType()).HasField("id"));

    private async Task<JsonNode> QueryLeaderboardAsync(FamilySeed seed)
    {
        using var client = factory.CreateClient();
        var result = await client.PostGraphQLAsync(
            "query($id: ID!) { family(id: $id) { leaderboard(period: WEEK) { __typename id rank points user { id } } } }",
            new { id = SubscriptionScenario.FamilyId(seed) },
            _scenario.Mutations.TokenFor(seed.Members[2]));
        return result["data"]!["family"]!["leaderboard"]!;
    }

    private Task<JsonNode> AwardAsync(FamilySeed seed) =>
        _scenario.RunAsync("AwardPoints", seed.Members[1], new { userId = SubscriptionScenario.UserId(seed.Members[3]), points = 7, reason = "Helped out" });
}
