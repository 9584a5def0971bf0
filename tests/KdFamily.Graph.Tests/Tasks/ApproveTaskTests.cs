using GraphQLServer.Relay;
using KdFamily.Domain.Notifications;
using KdFamily.Domain.Points;
using KdFamily.Domain.Tasks;
using KdFamily.Graph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Graph.Tests.Tasks;

public sealed class ApproveTaskTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    private readonly TaskMutationClient _api = new(factory);

    [Fact]
    public async Task ApproveTask_WithBonus_WritesTaskAndBonusLedgerRowsNotifiesAndAudits()
    {
        FamilyTask task = null!;
        var seed = await _api.SeedAsync(s =>
        {
            s.Award(s.Members[2], 7, TaskMutationClient.Now.Minus(NodaTime.Duration.FromDays(1)));
            task = s.AddTask("Lawn", FamilyTaskStatus.Completed, s.Members[2], 20, null, TaskMutationClient.Now);
        });

        var payload = await _api.RunAsync("ApproveTask", seed.Members[1], new { taskId = GlobalId.Encode("Task", task.Id), bonusPoints = 5 });

        Assert.Null(payload["errors"]);
        Assert.Equal(("APPROVED", GlobalId.Encode("User", seed.Members[1].Id)), (payload["task"]!["status"]!.GetValue<string>(), payload["task"]!["approvedBy"]!["id"]!.GetValue<string>()));
        var rows = await _api.DbAsync(db => db.PointsHistory.Where(p => p.TaskId == task.Id).OrderBy(p => p.Sequence).ToListAsync());
        Assert.Equal(
            [(20, 27, "task", PointsLedger.ApprovalKey(task.Id)), (5, 32, "approval_bonus", PointsLedger.BonusKey(task.Id))],
            rows.Select(r => (r.Delta, r.BalanceAfter, r.BonusType, r.IdempotencyKey)));
        Assert.All(rows, r => Assert.Equal((seed.Members[2].Id, seed.Members[1].Id), (r.UserId, r.AwardedById!.Value)));
        Assert.True(await _api.DbAsync(db => db.Notifications.AnyAsync(n => n.TaskId == task.Id && n.UserId == seed.Members[2].Id && n.Kind == NotificationKind.TaskApproved)));
        Assert.True(await _api.DbAsync(db => db.AuditLog.AnyAsync(a => a.Action == "task.approved" && a.TargetId == task.Id && a.ActorId == seed.Members[1].Id)));
        Assert.True(await _api.DbAsync(db => db.TaskTransitions.AnyAsync(t => t.TaskId == task.Id && t.FromStatus == FamilyTaskStatus.Completed && t.ToStatus == FamilyTaskStatus.Approved)));
    }

    [Fact]
    public async Task ApproveTask_FirstApprovedTask_UnlocksFirstStepsAndPaysItsRewardOnce()
    {
        FamilyTask first = null!, second = null!;
        var seed = await _api.SeedAsync(s =>
        {
            first = s.AddTask("Dishes", FamilyTaskStatus.Completed, s.Members[2], 10, null, TaskMutationClient.Now);
            second = s.AddTask("Plants", FamilyTaskStatus.Completed, s.Members[2], 5, null, TaskMutationClient.Now);
        });
        var kid = seed.Members[2];

        await _api.RunAsync("ApproveTask", seed.Members[1], new { taskId = GlobalId.Encode("Task", first.Id) });
        await _api.RunAsync("ApproveTask", seed.Members[1], new { taskId = GlobalId.Encode("Task", second.Id) });

        var rewards = await _api.DbAsync(db => db.PointsHistory.Where(p => p.UserId == kid.Id && p.BonusType == PointsChangeKinds.AchievementReward).ToListAsync());
        var firstSteps = Assert.Single(rewards, r => r.Reason.Contains("First Steps", StringComparison.Ordinal));
        Assert.Equal(10, firstSteps.Delta);
        Assert.True(await _api.DbAsync(db => db.UserAchievements.AnyAsync(a => a.UserId == kid.Id && a.Achievement!.Code == "first-task" && a.CompletedAt != null)));
        Assert.True(await _api.DbAsync(db => db.Notifications.AnyAsync(n => n.UserId == kid.Id && n.Kind == NotificationKind.AchievementUnlocked)));
        var balances = await _api.DbAsync(db => db.PointsHistory.Where(p => p.UserId == kid.Id).OrderBy(p => p.CreatedAt).ThenBy(p => p.Sequence).Select(p => new { p.Delta, p.BalanceAfter }).ToListAsync());
        Assert.Equal(balances.Select(b => b.Delta).Sum(), balances[^1].BalanceAfter);
    }

    [Fact]
    public async Task ApproveTask_WithoutBonus_WritesExactlyOneLedgerRow()
    {
        FamilyTask task = null!;
        var seed = await _api.SeedAsync(s => task = s.AddTask("Dishes", FamilyTaskStatus.Completed, s.Members[3], 10, null, TaskMutationClient.Now));

        var payload = await _api.RunAsync("ApproveTask", seed.Advisor, new { taskId = GlobalId.Encode("Task", task.Id) });

        Assert.Null(payload["errors"]);
        var rows = await _api.DbAsync(db => db.PointsHistory.Where(p => p.TaskId == task.Id).ToListAsync());
        Assert.Equal([(10, 10)], rows.Select(p => (p.Delta, p.BalanceAfter)));
    }

    [Fact]
    public async Task ApproveTask_WhenTheAwardIsAlreadyInTheLedger_ReturnsAlreadyAwardedAndLeavesTheTaskCompleted()
    {
        FamilyTask task = null!;
        var seed = await _api.SeedAsync(s =>
        {
            task = s.AddTask("Windows", FamilyTaskStatus.Completed, s.Members[2], 10, null, TaskMutationClient.Now);
            s.Award(s.Members[2], 10, TaskMutationClient.Now, task).IdempotencyKey = PointsLedger.ApprovalKey(task.Id);
        });

        var payload = await _api.RunAsync("ApproveTask", seed.Members[1], new { taskId = GlobalId.Encode("Task", task.Id) });

        TaskMutationClient.AssertError(payload, "AlreadyAwardedError", "ALREADY_AWARDED");
        Assert.Equal(FamilyTaskStatus.Completed, await _api.DbAsync(db => db.Tasks.Where(t => t.Id == task.Id).Select(t => t.Status).SingleAsync()));
        Assert.Equal(1, await _api.DbAsync(db => db.PointsHistory.CountAsync(p => p.TaskId == task.Id)));
        Assert.False(await _api.DbAsync(db => db.AuditLog.AnyAsync(a => a.TargetId == task.Id)));
    }
}
