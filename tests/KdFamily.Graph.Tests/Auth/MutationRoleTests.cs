using GraphQLServer.Relay;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Graph.Tests.Tasks;
using Npgsql;

namespace KdFamily.Graph.Tests.Auth;

/// <summary>
/// Every mutation field's required role, from one table: the schema has exactly these mutations, and a caller one role
/// below the minimum is refused at request level (AUTH_NOT_AUTHORIZED, before any resolver) with nothing written. A
/// domain guard that would also refuse (e.g. approveTask by a MEMBER) does not count: the request-level check must hold
/// on its own. Seed: Members[0] advisor, [1] parent, [2] and [3] members; task 0 PENDING and open, task 1 COMPLETED by Members[3].
/// </summary>
public sealed class MutationRoleTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    private static readonly Dictionary<string, UserRole> RequiredRole = new()
    {
        ["regenerateInviteCode"] = UserRole.Advisor,
        ["updateFamily"] = UserRole.Advisor,
        ["changeUserRole"] = UserRole.Advisor,
        ["removeMember"] = UserRole.Advisor,
        ["updateProfile"] = UserRole.Member,
        ["createTaskType"] = UserRole.Parent,
        ["updateTaskType"] = UserRole.Parent,
        ["deleteTaskType"] = UserRole.Parent,
        ["markNotificationsRead"] = UserRole.Member,
        ["updateNotificationPreferences"] = UserRole.Member,
        ["createRecurringTask"] = UserRole.Parent,
        ["updateRecurringTask"] = UserRole.Parent,
        ["pauseRecurringTask"] = UserRole.Parent,
        ["deleteRecurringTask"] = UserRole.Parent,
        ["createTask"] = UserRole.Parent,
        ["updateTask"] = UserRole.Parent,
        ["deleteTask"] = UserRole.Parent,
        ["assignTask"] = UserRole.Parent,
        ["claimTask"] = UserRole.Member,
        ["startTask"] = UserRole.Member,
        ["completeTask"] = UserRole.Member,
        ["approveTask"] = UserRole.Parent,
        ["approveTasks"] = UserRole.Parent,
        ["rejectTask"] = UserRole.Parent,
        ["addTaskAttachment"] = UserRole.Member,
        ["removeTaskAttachment"] = UserRole.Member,
        ["awardPoints"] = UserRole.Parent,
        ["exportMyData"] = UserRole.Member,
        ["deleteMyAccount"] = UserRole.Member,
        ["deleteFamily"] = UserRole.Advisor,
        ["createChildAccount"] = UserRole.Parent,
        ["resetChildPin"] = UserRole.Parent,
        ["unlockChildAccount"] = UserRole.Parent,
        ["createReward"] = UserRole.Parent,
        ["updateReward"] = UserRole.Parent,
        ["archiveReward"] = UserRole.Parent,
        ["redeemReward"] = UserRole.Member,
        ["approveRedemption"] = UserRole.Parent,
        ["rejectRedemption"] = UserRole.Parent,
        ["cancelRedemption"] = UserRole.Member,
        ["setAway"] = UserRole.Member,
        ["clearAway"] = UserRole.Member,
    };

    private readonly TaskMutationClient _api = new(factory);

    public static TheoryData<string> MutationsAboveMember() => [.. RequiredRole.Where(r => r.Value > UserRole.Member).Select(r => r.Key)];

    [Fact]
    public async Task Schema_Mutations_AreExactlyTheOnesWithARequiredRole()
    {
        using var client = factory.CreateClient();

        var result = await client.PostGraphQLAsync("{ __schema { mutationType { fields { name } } } }");

        var fields = result["data"]!["__schema"]!["mutationType"]!["fields"]!.AsArray().Select(f => f!["name"]!.GetValue<string>());
        Assert.Equal(RequiredRole.Keys.Order(), fields.Order());
    }

    [Theory]
    [MemberData(nameof(MutationsAboveMember))]
    public async Task Mutation_ByCallerOneRoleBelowItsMinimum_IsNotAuthorizedAndWritesNothing(string mutation)
    {
        var seed = await _api.SeedAsync(s =>
        {
            s.AddTask("Open chore", FamilyTaskStatus.Pending, null, 5, null, TaskMutationClient.Now);
            s.AddTask("Done chore", FamilyTaskStatus.Completed, s.Members[3], 5, null, TaskMutationClient.Now);
        });
        var caller = RequiredRole[mutation] == UserRole.Advisor ? seed.Members[1] : seed.Members[2];
        Assert.Equal(RequiredRole[mutation] - 1, caller.Role);
        var before = await DatabaseContentAsync();

        var response = await _api.RequestAsync(char.ToUpperInvariant(mutation[0]) + mutation[1..], caller, Input(mutation, seed));

        Assert.Equal("AUTH_NOT_AUTHORIZED", response["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>());
        Assert.True(response["data"]?[mutation] is null, response.ToJsonString());
        Assert.Equal(before, await DatabaseContentAsync());
    }

    /// <summary>A valid input aimed at the seed's objects (ids of kinds the seed has none of are well-formed but unknown).</summary>
    private static object Input(string mutation, FamilySeed seed)
    {
        var familyId = GlobalId.Encode("Family", seed.Family.Id);
        var member = GlobalId.Encode("User", seed.Members[3].Id);
        var (openTask, doneTask) = (GlobalId.Encode("Task", seed.Tasks[0].Id), GlobalId.Encode("Task", seed.Tasks[1].Id));
        var (taskType, template) = (GlobalId.Encode("TaskType", Guid.NewGuid()), GlobalId.Encode("RecurringTask", Guid.NewGuid()));
        return mutation switch
        {
            "regenerateInviteCode" => new { familyId },
            "updateFamily" => new { familyId, name = "Renamed" },
            "changeUserRole" => new { userId = member, role = "PARENT" },
            "removeMember" => new { userId = member },
            "createTaskType" => new { name = "Laundry" },
            "updateTaskType" => new { taskTypeId = taskType, name = "Dishes" },
            "deleteTaskType" => new { taskTypeId = taskType },
            "createRecurringTask" => new { title = "Water plants", points = 5, frequency = "DAILY" },
            "updateRecurringTask" => new { id = template, title = "Water more plants" },
            "pauseRecurringTask" or "deleteRecurringTask" => new { id = template },
            "createTask" => new { title = "New chore", points = 5 },
            "updateTask" => new { taskId = openTask, title = "Renamed chore" },
            "deleteTask" => new { taskId = openTask },
            "assignTask" => new { taskId = openTask, userId = member },
            "approveTask" => new { taskId = doneTask, bonusPoints = 0 },
            "approveTasks" => new { taskIds = new[] { doneTask }, bonusPoints = 0 },
            "rejectTask" => new { taskId = doneTask, reason = "Again" },
            "awardPoints" => new { userId = member, points = 5, reason = "Helped out" },
            "deleteFamily" => new { confirmName = seed.Family.Name },
            "createChildAccount" => new { username = $"kid-{Guid.NewGuid():N}"[..20], fullName = "Kid", pin = "1234" },
            "resetChildPin" => new { userId = member, pin = "1234" },
            "unlockChildAccount" => new { userId = member },
            "createReward" => new { name = "Cinema night", cost = 40 },
            "updateReward" => new { rewardId = GlobalId.Encode("Reward", Guid.NewGuid()), cost = 50 },
            "archiveReward" => new { rewardId = GlobalId.Encode("Reward", Guid.NewGuid()) },
            "approveRedemption" => new { redemptionId = GlobalId.Encode("Redemption", Guid.NewGuid()) },
            "rejectRedemption" => new { redemptionId = GlobalId.Encode("Redemption", Guid.NewGuid()), reason = "Not now" },
            _ => throw new ArgumentOutOfRangeException(nameof(mutation), mutation, "No input for this mutation: add one."),
        };
    }

    /// <summary>
    /// Every row of every table of the host's database but the sessions (each request may refresh its caller's), as text:
    /// a refused request must leave it exactly as it was.
    /// </summary>
    private async Task<Dictionary<string, string>> DatabaseContentAsync()
    {
        await using var connection = new NpgsqlConnection(factory.PostgresConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'auth_sessions' ORDER BY 1",
            connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var content = new Dictionary<string, string>();
        foreach (var table in tables)
        {
            await using var rows = new NpgsqlCommand($"SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM \"{table}\" t", connection);
            content[table] = (string)(await rows.ExecuteScalarAsync())!;
        }

        return content;
    }
}
