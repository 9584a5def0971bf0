using GraphQLServer.Relay;
using KdFamily.Domain.Notifications;
using KdFamily.Domain.Points;
using KdFamily.Domain.Tasks;
using KdFamily.Graph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace KdFamily.Graph.Tests.Tasks;

/// <summary>Issue 13: parents hear of completed work, see it oldest first, and approve a batch where each task stands alone.</summary>
public sealed class ApprovalQueueTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    private readonly TaskMutationClient _api = new(factory);

    [Fact]
    public async Task CompleteTask_NotifiesEveryParentAndAdvisorButTheAssignee()
    {
        FamilyTask kidsTask = null!, parentsTask = null!;
        var seed = await _api.SeedAsync(s =>
        {
            kidsTask = s.AddTask("Dishes", FamilyTaskStatus.InProgress, s.Members[2], 10, null, TaskMutationClient.Now);
            parentsTask = s.AddTask("Taxes", FamilyTaskStatus.InProgress, s.Members[1], 10, null, TaskMutationClient.Now);
        });

        Assert.Null((await _api.RunAsync("CompleteTask", seed.Members[2], new { taskId = GlobalId.Encode("Task", kidsTask.Id) }))["errors"]);
        Assert.Null((await _api.RunAsync("CompleteTask", seed.Members[1], new { taskId = GlobalId.Encode("Task", parentsTask.Id) }))["errors"]);

        Assert.Equal(
            new[] { seed.Members[0].Id, seed.Members[1].Id }.Order(),
            await RecipientsAsync(kidsTask.Id));
        Assert.Equal([seed.Members[0].Id], await RecipientsAsync(parentsTask.Id));
    }

    [Fact]
    public async Task CompleteTask_ParentWhoMutedIt_IsNotNotified()
    {
        FamilyTask task = null!;
        var seed = await _api.SeedAsync(s => task = s.AddTask("Dishes", FamilyTaskStatus.InProgress, s.Members[2], 10, null, TaskMutationClient.Now));
        Assert.Null((await _api.RunAsync("UpdateNotificationPreferences", seed.Members[1], new { mutedKinds = new[] { "TASK_AWAITING_APPROVAL" } }))["errors"]);

        await _api.RunAsync("CompleteTask", seed.Members[2], new { taskId = GlobalId.Encode("Task", task.Id) });

        Assert.Equal([seed.Members[0].Id], await RecipientsAsync(task.Id));
    }

    [Fact]
    public async Task ApproveAndReject_AssigneeWhoMutedTheKind_IsNotNotified_AnotherAssigneeIs()
    {
        FamilyTask mutedApproval = null!, mutedRejection = null!, heardApproval = null!, heardRejection = null!;
        var seed = await _api.SeedAsync(s =>
        {
            mutedApproval = s.AddTask("Dishes", FamilyTaskStatus.Completed, s.Members[2], 10, null, TaskMutationClient.Now);
            mutedRejection = s.AddTask("Plants", FamilyTaskStatus.Completed, s.Members[2], 10, null, TaskMutationClient.Now);
            heardApproval = s.AddTask("Laundry", FamilyTaskStatus.Completed, s.Members[3], 10, null, TaskMutationClient.Now);
            heardRejection = s.AddTask("Windows", FamilyTaskStatus.Completed, s.Members[3], 10, null, TaskMutationClient.Now);
        });
        Assert.Null((await _api.RunAsync("UpdateNotificationPreferences", seed.Members[2], new { mutedKinds = new[] { "TASK_APPROVED", "TASK_REJECTED" } }))["errors"]);

        foreach (var task in new[] { mutedApproval, heardApproval })
        {
            Assert.Null((await _api.RunAsync("ApproveTask", seed.Members[1], new { taskId = GlobalId.Encode("Task", task.Id) }))["errors"]);
        }

        foreach (var task in new[] { mutedRejection, heardRejection })
        {
            Assert.Null((await _api.RunAsync("RejectTask", seed.Members[1], new { taskId = GlobalId.Encode("Task", task.Id), reason = "Again, please" }))["errors"]);
        }

        async Task<bool> NotifiedAsync(FamilyTask task, NotificationKind kind) =>
            await _api.DbAsync(db => db.Notifications.AnyAsync(n => n.TaskId == task.Id && n.UserId == task.AssignedToId && n.Kind == kind));
        Assert.False(await NotifiedAsync(mutedApproval, NotificationKind.TaskApproved));
        Assert.False(await NotifiedAsync(mutedRejection, NotificationKind.TaskRejected));
        Assert.True(await NotifiedAsync(heardApproval, NotificationKind.TaskApproved));
        Assert.True(await NotifiedAsync(heardRejection, NotificationKind.TaskRejected));
    }

    [Fact]
    public async Task AwaitingApproval_ListsCompletedTasksOldestCompletionFirst()
    {
        var now = TaskMutationClient.Now;
        FamilyTask newest = null!, oldest = null!, middle = null!;
        var seed = await _api.SeedAsync(s =>
        {
            newest = s.AddTask("Newest", FamilyTaskStatus.Completed, s.Members[2], 5, null, now - Duration.FromDays(3), completedAt: now - Duration.FromHours(1));
            oldest = s.AddTask("Oldest", FamilyTaskStatus.Completed, s.Members[3], 5, null, now - Duration.FromDays(1), completedAt: now - Duration.FromDays(2));
            middle = s.AddTask("Middle", FamilyTaskStatus.Completed, s.Members[2], 5, null, now - Duration.FromDays(2), completedAt: now - Duration.FromDays(1));
            s.AddTask("Approved", FamilyTaskStatus.Approved, s.Members[2], 5, null, now - Duration.FromDays(5), completedAt: now - Duration.FromDays(4));
            s.AddTask("Open", FamilyTaskStatus.InProgress, s.Members[2], 5, null, now - Duration.FromDays(5));
        });

        using var client = factory.CreateClient();
        var response = await client.PostGraphQLAsync(
            Operations.Load("AwaitingApproval"), new { familyId = GlobalId.Encode("Family", seed.Family.Id) }, _api.TokenFor(seed.Members[1]));

        var queue = response["data"]!["family"]!["awaitingApproval"]!.AsArray();
        Assert.Equal(
            new[] { oldest, middle, newest }.Select(t => GlobalId.Encode("Task", t.Id)),
            queue.Select(t => t!["id"]!.GetValue<string>()));
        Assert.All(queue, t => Assert.Equal("COMPLETED", t!["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ApproveTasks_MixedBatch_ApprovesEachOnItsOwnWithTheSameLedgerRowsAsApproveTask()
    {
        FamilyTask fine = null!, alreadyApproved = null!, strangers = null!;
        var seed = await _api.SeedAsync(s =>
        {
            fine = s.AddTask("Lawn", FamilyTaskStatus.Completed, s.Members[2], 20, null, TaskMutationClient.Now);
            alreadyApproved = s.AddTask("Dishes", FamilyTaskStatus.Approved, s.Members[3], 10, null, TaskMutationClient.Now);
        });
        await _api.SeedAsync(s => strangers = s.AddTask("Their lawn", FamilyTaskStatus.Completed, s.Members[2], 20, null, TaskMutationClient.Now));
        var ids = new[] { alreadyApproved, strangers, fine }.Select(t => GlobalId.Encode("Task", t.Id)).ToArray();
        var ledgerBefore = await _api.DbAsync(db => db.PointsHistory.Where(p => p.TaskId == alreadyApproved.Id || p.TaskId == strangers.Id).CountAsync());

        var payload = await _api.RunAsync("ApproveTasks", seed.Members[1], new { taskIds = ids, bonusPoints = 3 });

        Assert.Null(payload["errors"]);
        var results = payload["results"]!.AsArray();
        Assert.Equal(ids, results.Select(r => r!["taskId"]!.GetValue<string>()));
        Assert.Equal(("InvalidTransitionError", "INVALID_TRANSITION"), ErrorOf(results[0]!));
        Assert.Equal(("NotFoundError", "NOT_FOUND"), ErrorOf(results[1]!));
        Assert.Null(results[0]!["task"]);
        Assert.Null(results[1]!["task"]);
        Assert.Null(results[2]!["errors"]);
        Assert.Equal("APPROVED", results[2]!["task"]!["status"]!.GetValue<string>());

        var rows = await _api.DbAsync(db => db.PointsHistory.Where(p => p.TaskId == fine.Id).OrderBy(p => p.Sequence).ToListAsync());
        Assert.Equal(
            [(20, "task", PointsLedger.ApprovalKey(fine.Id)), (3, "approval_bonus", PointsLedger.BonusKey(fine.Id))],
            rows.Select(r => (r.Delta, r.BonusType, r.IdempotencyKey)));
        Assert.All(rows, r => Assert.Equal((seed.Members[2].Id, seed.Members[1].Id), (r.UserId, r.AwardedById!.Value)));
        Assert.Equal(ledgerBefore, await _api.DbAsync(db => db.PointsHistory.Where(p => p.TaskId == alreadyApproved.Id || p.TaskId == strangers.Id).CountAsync()));
        Assert.Equal(FamilyTaskStatus.Completed, await _api.DbAsync(db => db.Tasks.Where(t => t.Id == strangers.Id).Select(t => t.Status).SingleAsync()));
        Assert.True(await _api.DbAsync(db => db.AuditLog.AnyAsync(a => a.Action == "task.approved" && a.TargetId == fine.Id && a.ActorId == seed.Members[1].Id)));
        Assert.True(await _api.DbAsync(db => db.Notifications.AnyAsync(n => n.TaskId == fine.Id && n.UserId == seed.Members[2].Id && n.Kind == NotificationKind.TaskApproved)));
    }

    [Fact]
    public async Task ApproveTasks_MoreThanFifty_IsAValidationErrorAndApprovesNothing()
    {
        FamilyTask task = null!;
        var seed = await _api.SeedAsync(s => task = s.AddTask("Lawn", FamilyTaskStatus.Completed, s.Members[2], 20, null, TaskMutationClient.Now));
        var ids = Enumerable.Repeat(GlobalId.Encode("Task", task.Id), 51).ToArray();

        var payload = await _api.RunAsync("ApproveTasks", seed.Members[1], new { taskIds = ids });

        Assert.Null(payload["results"]);
        var error = payload["errors"]![0]!;
        Assert.Equal(("VALIDATION_ERROR", "taskIds"), (error["code"]!.GetValue<string>(), error["field"]!.GetValue<string>()));
        Assert.Equal(FamilyTaskStatus.Completed, await _api.DbAsync(db => db.Tasks.Where(t => t.Id == task.Id).Select(t => t.Status).SingleAsync()));
    }

    [Fact]
    public async Task ApproveTasks_ByAMember_IsNotAuthorized()
    {
        FamilyTask task = null!;
        var seed = await _api.SeedAsync(s => task = s.AddTask("Lawn", FamilyTaskStatus.Completed, s.Members[2], 20, null, TaskMutationClient.Now));

        var response = await _api.RequestAsync("ApproveTasks", seed.Members[3], new { taskIds = new[] { GlobalId.Encode("Task", task.Id) } });

        Assert.Equal("AUTH_NOT_AUTHORIZED", response["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal(FamilyTaskStatus.Completed, await _api.DbAsync(db => db.Tasks.Where(t => t.Id == task.Id).Select(t => t.Status).SingleAsync()));
    }

    private static (string, string) ErrorOf(System.Text.Json.Nodes.JsonNode result)
    {
        var error = result["errors"]![0]!;
        return (error["__typename"]!.GetValue<string>(), error["code"]!.GetValue<string>());
    }

    private async Task<List<Guid>> RecipientsAsync(Guid taskId) =>
        [.. (await _api.DbAsync(db => db.Notifications.Where(n => n.TaskId == taskId && n.Kind == NotificationKind.TaskAwaitingApproval)
            .Select(n => n.UserId).ToListAsync())).Order()];
}
