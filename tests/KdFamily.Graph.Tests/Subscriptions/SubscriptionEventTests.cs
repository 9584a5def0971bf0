using System.Text.Json.Nodes;
using KdFamily.Domain.Tasks;
using KdFamily.Graph.Tests.Auth;
using KdFamily.Graph.Tests.Infrastructure;

namespace KdFamily.Graph.Tests.Subscriptions;

/// <summary>
/// Each subscription field: a mutation produces the event for a subscriber of the family, and not for another family's
/// subscriber. Isolation is shown by order, not by waiting: the foreign subscriber's FIRST event is its own family's,
/// published after the other family's, so the other family's event never reached it. Executed without a transport.
/// </summary>
public sealed class SubscriptionEventTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    private readonly SubscriptionScenario _scenario = new(factory);

    [Fact]
    public Task TaskCreated_CreateTask_ReachesOwnFamilyOnly() =>
        AssertOwnFamilyOnlyAsync("OnTaskCreated", "taskCreated", null, seed => _scenario.CreateTaskAsync(seed), e => e["id"]!.GetValue<string>());

    [Fact]
    public Task TaskAssigned_ClaimTask_ReachesOwnFamilyOnly() =>
        AssertOwnFamilyOnlyAsync(
            "OnTaskAssigned",
            "taskAssigned",
            seed => SubscriptionScenario.AddTask(seed, FamilyTaskStatus.Pending, assigned: false),
            async seed => (await _scenario.RunAsync("ClaimTask", seed.Members[3], new { taskId = SubscriptionScenario.TaskId(seed, 0) }))["task"]!["id"]!.GetValue<string>(),
            e => e["id"]!.GetValue<string>());

    [Fact]
    public Task TaskCompleted_CompleteTask_ReachesOwnFamilyOnly() =>
        AssertOwnFamilyOnlyAsync(
            "OnTaskCompleted",
            "taskCompleted",
            seed => SubscriptionScenario.AddTask(seed, FamilyTaskStatus.InProgress),
            async seed => (await _scenario.RunAsync("CompleteTask", seed.Members[2], new { taskId = SubscriptionScenario.TaskId(seed, 0), actualMinutes = 20 }))["task"]!["id"]!.GetValue<string>(),
            e => e["id"]!.GetValue<string>());

    [Fact]
    public Task TaskApproved_ApproveTask_ReachesOwnFamilyOnly() =>
        AssertOwnFamilyOnlyAsync(
            "OnTaskApproved",
            "taskApproved",
            seed => SubscriptionScenario.AddTask(seed, FamilyTaskStatus.Completed),
            async seed => (await _scenario.RunAsync("ApproveTask", seed.Members[1], new { taskId = SubscriptionScenario.TaskId(seed, 0) }))["task"]!["id"]!.GetValue<string>(),
            e => e["status"]!.GetValue<string>() == "APPROVED" ? e["id"]!.GetValue<string>() : "not approved");

    [Fact]
    public Task TaskUpdated_StartTask_ReachesOwnFamilyOnly() =>
        AssertOwnFamilyOnlyAsync(
            "OnTaskUpdated",
            "taskUpdated",
            seed => SubscriptionScenario.AddTask(seed, FamilyTaskStatus.Pending),
            async seed => (await _scenario.RunAsync("StartTask", seed.Members[2], new { taskId = SubscriptionScenario.TaskId(seed, 0) }))["task"]!["id"]!.GetValue<string>(),
            e => e["status"]!.GetValue<string>() == "IN_PROGRESS" ? e["id"]!.GetValue<string>() : "not started");

    [Fact]
    public Task TaskDeleted_DeleteTask_ReachesOwnFamilyOnly() =>
        AssertOwnFamilyOnlyAsync(
            "OnTaskDeleted",
            "taskDeleted",
            seed => SubscriptionScenario.AddTask(seed, FamilyTaskStatus.Pending),
            async seed =>
            {
                await _scenario.RunAsync("DeleteTask", seed.Members[1], new { taskId = SubscriptionScenario.TaskId(seed, 0) });
                return SubscriptionScenario.TaskId(seed, 0);
            },
            e => e.GetValue<string>());

    [Fact]
    public Task PointsAwarded_AwardPoints_ReachesOwnFamilyOnly() =>
        AssertOwnFamilyOnlyAsync(
            "OnPointsAwarded",
            "pointsAwarded",
            null,
            async seed => (await AwardAsync(seed))["transaction"]!["id"]!.GetValue<string>(),
            e => e["id"]!.GetValue<string>());

    [Fact]
    public Task LeaderboardUpdated_AwardPoints_SendsFreshStandingsToOwnFamilyOnly() =>
        AssertOwnFamilyOnlyAsync(
            "OnLeaderboardUpdated",
            "leaderboardUpdated",
            null,
            async seed =>
            {
                await AwardAsync(seed);
                return $"{SubscriptionScenario.UserId(seed.Members[3])} 1 7";
            },
            e => $"{e[0]!["user"]!["id"]!.GetValue<string>()} {e[0]!["rank"]!.GetValue<int>()} {e[0]!["points"]!.GetValue<int>()}");

    [Fact]
    public Task MemberJoined_RegisterWithInviteCode_ReachesOwnFamilyOnly() =>
        AssertOwnFamilyOnlyAsync(
            "OnMemberJoined",
            "memberJoined",
            seed => seed.Family.InviteCode = seed.Family.InviteCode!.ToUpperInvariant(), // codes are entered case-insensitively
            async seed =>
            {
                using var client = factory.CreateClient();
                var body = await client.RegisterAsync(AuthApiClient.NewName("joiner"), seed.Family.InviteCode);
                return body["user"]!["id"]!.GetValue<string>();
            },
            e => e["id"]!.GetValue<string>());

    [Fact]
    public Task MemberRemoved_RemoveMember_ReachesOwnFamilyOnly() =>
        AssertOwnFamilyOnlyAsync(
            "OnMemberRemoved",
            "memberRemoved",
            null,
            async seed =>
            {
                await _scenario.RunAsync("RemoveMember", seed.Members[0], new { userId = SubscriptionScenario.UserId(seed.Members[3]) });
                return SubscriptionScenario.UserId(seed.Members[3]);
            },
            e => e["id"]!.GetValue<string>());

    [Fact]
    public Task AchievementUnlocked_FirstApproval_ReachesOwnFamilyOnly() =>
        AssertOwnFamilyOnlyAsync(
            "OnAchievementUnlocked",
            "achievementUnlocked",
            seed => SubscriptionScenario.AddTask(seed, FamilyTaskStatus.Completed),
            async seed =>
            {
                // The unlock happens at the approval's instant, which tells the two families' unlocks apart.
                var task = (await _scenario.RunAsync("ApproveTask", seed.Members[1], new { taskId = SubscriptionScenario.TaskId(seed, 0) }))["task"]!;
                return $"first-task {task["approvedAt"]!.GetValue<string>()}";
            },
            e => $"{e["achievement"]!["code"]!.GetValue<string>()} {e["completedAt"]!.GetValue<string>()}");

    [Fact]
    public async Task NotificationReceived_TaskAssigned_ReachesTheRecipientOnly()
    {
        var seed = await _scenario.SeedAsync();
        using var recipient = await LiveSubscription.StartAsync(factory.Services, "OnNotificationReceived", null, seed.Members[2]);
        using var other = await LiveSubscription.StartAsync(factory.Services, "OnNotificationReceived", null, seed.Members[3]);

        var first = await _scenario.CreateTaskAsync(seed, seed.Members[2]);
        var notification = await recipient.NextAsync("notificationReceived");
        Assert.Equal(("TASK_ASSIGNED", first), (notification["kind"]!.GetValue<string>(), notification["task"]!["id"]!.GetValue<string>()));

        var second = await _scenario.CreateTaskAsync(seed, seed.Members[3]);
        Assert.Equal(second, (await other.NextAsync("notificationReceived"))["task"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task ApproveTask_Approval_PublishesApprovalPointsStandingsAndUnlockAfterCommit()
    {
        var seed = await _scenario.SeedAsync(s => SubscriptionScenario.AddTask(s, FamilyTaskStatus.Completed));
        using var points = await _scenario.SubscribeAsync("OnPointsAwarded", seed, seed.Members[2]);
        using var standings = await _scenario.SubscribeAsync("OnLeaderboardUpdated", seed, seed.Members[2], new { familyId = SubscriptionScenario.FamilyId(seed), period = "ALL_TIME" });

        await _scenario.RunAsync("ApproveTask", seed.Members[1], new { taskId = SubscriptionScenario.TaskId(seed, 0), bonusPoints = 5 });

        // The task's 10 points, the 5 bonus, then the first-task reward, each a ledger row of the assignee.
        var rows = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var row = await points.NextAsync("pointsAwarded");
            rows.Add($"{row["bonusType"]!.GetValue<string>()}:{row["points"]!.GetValue<int>()}");
        }

        Assert.Equal(["task:10", "approval_bonus:5"], rows.Take(2));
        Assert.StartsWith("achievement:", rows[2], StringComparison.Ordinal);
        var top = (await standings.NextAsync("leaderboardUpdated"))[0]!;
        Assert.Equal(SubscriptionScenario.UserId(seed.Members[2]), top["user"]!["id"]!.GetValue<string>());
        Assert.Equal(15 + int.Parse(rows[2]["achievement:".Length..], System.Globalization.CultureInfo.InvariantCulture), top["points"]!.GetValue<int>());
    }

    private Task<JsonNode> AwardAsync(FamilySeed seed) =>
        _scenario.RunAsync("AwardPoints", seed.Members[1], new { userId = SubscriptionScenario.UserId(seed.Members[3]), points = 7, reason = "Helped out" });

    private async Task AssertOwnFamilyOnlyAsync(
        string operation, string field, Action<FamilySeed>? arrange, Func<FamilySeed, Task<string>> act, Func<JsonNode, string> describe)
    {
        var family = await _scenario.SeedAsync(arrange);
        var otherFamily = await _scenario.SeedAsync(arrange);
        using var subscriber = await _scenario.SubscribeAsync(operation, family, family.Members[2]);
        using var otherSubscriber = await _scenario.SubscribeAsync(operation, otherFamily, otherFamily.Members[2]);

        var expected = await act(family);
        Assert.Equal(expected, describe(await subscriber.NextAsync(field)));

        var otherExpected = await act(otherFamily);
        Assert.Equal(otherExpected, describe(await otherSubscriber.NextAsync(field)));
    }
}
