using System.Text.Json.Nodes;
using GraphQLServer.Relay;
using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Graph.Tests.Tasks;

namespace KdFamily.Graph.Tests.LiveUpdates;

/// <summary>
/// The approval flow over GraphQL mutations (createTask assigned to a member → startTask → completeTask as the member →
/// approveTask as a parent) and what a subscriber must see of it. Members[1] is the parent, Members[2] the assignee.
/// </summary>
public sealed class ApprovalFlow(KdFamilyApiFactory host)
{
    public const int TaskPoints = 15;
    public const int BonusPoints = 5;
    public const string TaskTitle = "Sweep the porch";

    public TaskMutationClient Api { get; } = new(host);

    public Task<FamilySeed> SeedAsync() => Api.SeedAsync();

    public string TokenFor(KdFamily.Domain.Users.User user) => Api.TokenFor(user);

    public static string FamilyId(FamilySeed seed) => GlobalId.Encode("Family", seed.Family.Id);

    public static string Variables(FamilySeed seed) => $$"""{"familyId":"{{FamilyId(seed)}}"}""";

    /// <summary>Runs the four mutations (over <paramref name="client"/> when given, e.g. through a proxy); returns the task's ID.</summary>
    public async Task<string> ApproveNewTaskAsync(FamilySeed seed, HttpClient? client = null)
    {
        ArgumentNullException.ThrowIfNull(seed);
        var (parent, member) = (seed.Members[1], seed.Members[2]);
        var created = await RunAsync("CreateTask", parent, new { title = TaskTitle, points = TaskPoints, assignedToId = GlobalId.Encode("User", member.Id) }, client);
        var taskId = created["task"]!["id"]!.GetValue<string>();
        await RunAsync("StartTask", member, new { taskId }, client);
        await RunAsync("CompleteTask", member, new { taskId, actualMinutes = 20 }, client);
        var approved = await RunAsync("ApproveTask", parent, new { taskId, bonusPoints = BonusPoints }, client);
        Assert.Equal("APPROVED", approved["task"]!["status"]!.GetValue<string>());
        return taskId;
    }

    /// <summary>
    /// Asserts that <paramref name="standings"/> (a <c>leaderboardUpdated</c> event, OnLeaderboardUpdated's selection) are
    /// the family's standings after the approval: the assignee first with at least the task's points and bonus (the
    /// first-task achievement may add its reward in the same transaction), exactly as the Leaderboard query reports them now.
    /// </summary>
    public async Task AssertFreshStandingsAsync(FamilySeed seed, JsonNode standings)
    {
        ArgumentNullException.ThrowIfNull(seed);
        ArgumentNullException.ThrowIfNull(standings);
        var top = standings[0]!;
        Assert.Equal((GlobalId.Encode("User", seed.Members[2].Id), 1), (top["user"]!["id"]!.GetValue<string>(), top["rank"]!.GetValue<int>()));
        Assert.True(top["points"]!.GetValue<int>() >= TaskPoints + BonusPoints, standings.ToJsonString());

        using var client = host.CreateClient();
        var query = await client.PostGraphQLAsync(Operations.Load("Leaderboard"), new { familyId = FamilyId(seed) }, TokenFor(seed.Members[2]));
        var expected = query["data"]!["family"]!["leaderboard"]!.AsArray().Select(Describe);
        Assert.Equal(expected, standings.AsArray().Select(Describe));
    }

    /// <summary>Asserts a <c>taskApproved</c> event (OnTaskApproved's selection) is the approved task.</summary>
    public static void AssertApprovedTask(FamilySeed seed, string taskId, JsonNode task)
    {
        ArgumentNullException.ThrowIfNull(seed);
        ArgumentNullException.ThrowIfNull(task);
        Assert.Equal(
            (taskId, TaskTitle, "APPROVED", GlobalId.Encode("User", seed.Members[2].Id), GlobalId.Encode("User", seed.Members[1].Id)),
            (task["id"]!.GetValue<string>(), task["title"]!.GetValue<string>(), task["status"]!.GetValue<string>(),
                task["assignedTo"]!["id"]!.GetValue<string>(), task["approvedBy"]!["id"]!.GetValue<string>()));
    }

    private async Task<JsonNode> RunAsync(string operation, KdFamily.Domain.Users.User caller, object input, HttpClient? client)
    {
        var payload = await Api.RunAsync(operation, caller, input, client);
        Assert.True(payload["errors"] is null or JsonArray { Count: 0 }, operation + ": " + payload.ToJsonString());
        return payload;
    }

    private static string Describe(JsonNode? entry) =>
        $"{entry!["rank"]} {entry["user"]!["id"]} {entry["points"]} {entry["weeklyPoints"]} {entry["totalPoints"]}";
}
