using System.Text.Json.Nodes;
using GraphQLServer.Relay;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Graph.Tests.Tasks;
using NodaTime;

namespace KdFamily.Graph.Tests.Subscriptions;

/// <summary>Families and mutations for subscription tests: Members[0] advisor, [1] parent, [2] and [3] members.</summary>
public sealed class SubscriptionScenario(KdFamilyApiFactory factory)
{
    public TaskMutationClient Mutations { get; } = new(factory);

    public Task<FamilySeed> SeedAsync(Action<FamilySeed>? arrange = null) => Mutations.SeedAsync(arrange);

    public static string FamilyId(FamilySeed seed) => GlobalId.Encode("Family", seed.Family.Id);

    public static string TaskId(FamilySeed seed, int index) => GlobalId.Encode("Task", seed.Tasks[index].Id);

    public static string UserId(User user) => GlobalId.Encode("User", user.Id);

    /// <summary>Adds a task in <paramref name="status"/> assigned to Members[2] (or open when <paramref name="assigned"/> is false).</summary>
    public static void AddTask(FamilySeed seed, FamilyTaskStatus status, bool assigned = true) =>
        seed.AddTask($"Chore {seed.Tasks.Count}", status, assigned ? seed.Members[2] : null, points: 10, due: null, created: TaskMutationClient.Now - Duration.FromHours(1));

    public Task<LiveSubscription> SubscribeAsync(string operation, FamilySeed seed, User caller, object? extra = null) =>
        LiveSubscription.StartAsync(factory.Services, operation, extra ?? new { familyId = FamilyId(seed) }, caller);

    /// <summary>Runs a mutation that must succeed, returning its payload.</summary>
    public async Task<JsonNode> RunAsync(string operation, User caller, object input)
    {
        var payload = await Mutations.RunAsync(operation, caller, input);
        Assert.True(payload["errors"] is null or JsonArray { Count: 0 }, payload.ToJsonString());
        return payload;
    }

    public async Task<string> CreateTaskAsync(FamilySeed seed, User? assignee = null) =>
        (await RunAsync("CreateTask", seed.Members[1], new { title = "Live chore", points = 15, assignedToId = assignee is null ? null : UserId(assignee) }))
        ["task"]!["id"]!.GetValue<string>();
}
