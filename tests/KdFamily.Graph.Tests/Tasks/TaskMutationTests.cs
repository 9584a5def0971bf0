using GraphQLServer.Relay;
using KdFamily.Domain.Notifications;
using KdFamily.Domain.Tasks;
using KdFamily.Graph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace KdFamily.Graph.Tests.Tasks;

/// <summary>createTask, updateTask, deleteTask, assignTask, claimTask, startTask, completeTask, rejectTask: happy paths and every declared error.</summary>
public sealed class TaskMutationTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    private readonly TaskMutationClient _api = new(factory);

    private static string Id(FamilyTask task) => GlobalId.Encode("Task", task.Id);

    private static string Id(Domain.Users.User user) => GlobalId.Encode("User", user.Id);

    [Fact]
    public async Task CreateTask_ByParentWithAssignee_CreatesPendingTaskInCallersFamilyAndNotifiesAssignee()
    {
        var seed = await _api.SeedAsync();
        var kid = seed.Members[2];

        var payload = await _api.RunAsync("CreateTask", seed.Members[1], new
        {
            title = "Feed the cat",
            points = 15,
            assignedToId = Id(kid),
            dueDate = "2026-12-01T18:00:00.000+01:00",
            priority = "HIGH",
            estimatedMinutes = 5,
        });

        Assert.Null(payload["errors"]);
        var task = payload["task"]!;
        Assert.Equal(("PENDING", 15, "HIGH", 1, Id(kid), Id(seed.Members[1])),
            (task["status"]!.GetValue<string>(), task["points"]!.GetValue<int>(), task["priority"]!.GetValue<string>(), task["difficultyLevel"]!.GetValue<int>(),
             task["assignedTo"]!["id"]!.GetValue<string>(), task["createdBy"]!["id"]!.GetValue<string>()));
        var taskId = GlobalId.Decode(task["id"]!.GetValue<string>(), "Task")!.Value;
        var stored = await _api.DbAsync(db => db.Tasks.SingleAsync(t => t.Id == taskId));
        Assert.Equal((seed.Family.Id, Instant.FromUtc(2026, 12, 1, 17, 0)), (stored.FamilyId, stored.DueDate!.Value));
        Assert.True(await _api.DbAsync(db => db.Notifications.AnyAsync(n => n.TaskId == taskId && n.UserId == kid.Id && n.Kind == NotificationKind.TaskAssigned)));
        Assert.True(await _api.DbAsync(db => db.TaskTransitions.AnyAsync(t => t.TaskId == taskId && t.Action == "create" && t.ToStatus == FamilyTaskStatus.Pending)));
    }

    [Fact]
    public async Task CreateTask_ByMember_FailsWithAuthNotAuthorized()
    {
        var seed = await _api.SeedAsync();

        var response = await _api.RequestAsync("CreateTask", seed.Members[2], new { title = "Nope", points = 1 });

        Assert.Equal("AUTH_NOT_AUTHORIZED", response["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpdateTask_ByParent_ChangesGivenFieldsAndClearsExplicitNulls()
    {
        FamilyTask task = null!;
        var seed = await _api.SeedAsync(s => task = s.AddTask("Old", FamilyTaskStatus.InProgress, s.Members[2], 5, TaskMutationClient.Now, TaskMutationClient.Now));

        var payload = await _api.RunAsync("UpdateTask", seed.Members[1], new { taskId = Id(task), title = "New", points = 25, dueDate = (string?)null });

        Assert.Null(payload["errors"]);
        Assert.Equal(("New", 25, "IN_PROGRESS"), (payload["task"]!["title"]!.GetValue<string>(), payload["task"]!["points"]!.GetValue<int>(), payload["task"]!["status"]!.GetValue<string>()));
        Assert.Null(payload["task"]!["dueDate"]);
        Assert.Equal(task.Priority.ToString().ToUpperInvariant(), payload["task"]!["priority"]!.GetValue<string>());
    }

    [Fact]
    public async Task DeleteTask_ByParent_SoftDeletesSoTheTaskIsGone()
    {
        FamilyTask task = null!;
        var seed = await _api.SeedAsync(s => task = s.AddTask("Gone", FamilyTaskStatus.Pending, null, 5, null, TaskMutationClient.Now));

        var payload = await _api.RunAsync("DeleteTask", seed.Members[1], new { taskId = Id(task) });

        Assert.Null(payload["errors"]);
        Assert.NotNull(await _api.DbAsync(db => db.Tasks.IgnoreQueryFilters().Where(t => t.Id == task.Id).Select(t => t.DeletedAt).SingleAsync()));
        TaskMutationClient.AssertError(await _api.RunAsync("DeleteTask", seed.Members[1], new { taskId = Id(task) }), "NotFoundError", "NOT_FOUND");
    }

    [Fact]
    public async Task AssignTask_ByParent_AssignsAndNotifiesTheMember()
    {
        FamilyTask task = null!;
        var seed = await _api.SeedAsync(s => task = s.AddTask("Trash", FamilyTaskStatus.Pending, s.Members[2], 5, null, TaskMutationClient.Now));

        var payload = await _api.RunAsync("AssignTask", seed.Members[1], new { taskId = Id(task), userId = Id(seed.Members[3]) });

        Assert.Null(payload["errors"]);
        Assert.Equal(Id(seed.Members[3]), payload["task"]!["assignedTo"]!["id"]!.GetValue<string>());
        Assert.True(await _api.DbAsync(db => db.Notifications.AnyAsync(n => n.TaskId == task.Id && n.UserId == seed.Members[3].Id && n.Kind == NotificationKind.TaskAssigned)));
    }

    [Fact]
    public async Task ClaimTask_OpenTask_AssignsItToTheCaller()
    {
        FamilyTask task = null!;
        var seed = await _api.SeedAsync(s => task = s.AddTask("Open", FamilyTaskStatus.Pending, null, 5, null, TaskMutationClient.Now));

        var payload = await _api.RunAsync("ClaimTask", seed.Members[3], new { taskId = Id(task) });

        Assert.Null(payload["errors"]);
        Assert.Equal(("PENDING", Id(seed.Members[3])), (payload["task"]!["status"]!.GetValue<string>(), payload["task"]!["assignedTo"]!["id"]!.GetValue<string>()));
        Assert.True(await _api.DbAsync(db => db.TaskTransitions.AnyAsync(t => t.TaskId == task.Id && t.Action == "claim" && t.ActorId == seed.Members[3].Id)));
    }

    [Fact]
    public async Task StartTask_ByAssignee_MovesToInProgress()
    {
        FamilyTask task = null!;
        var seed = await _api.SeedAsync(s => task = s.AddTask("Mine", FamilyTaskStatus.Pending, s.Members[2], 5, null, TaskMutationClient.Now));

        var payload = await _api.RunAsync("StartTask", seed.Members[2], new { taskId = Id(task) });

        Assert.Null(payload["errors"]);
        Assert.Equal("IN_PROGRESS", payload["task"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task CompleteTask_ByAssignee_MovesToCompletedWithMinutes()
    {
        FamilyTask task = null!;
        var seed = await _api.SeedAsync(s => task = s.AddTask("Doing", FamilyTaskStatus.InProgress, s.Members[2], 5, null, TaskMutationClient.Now));

        var payload = await _api.RunAsync("CompleteTask", seed.Members[2], new { taskId = Id(task), actualMinutes = 12 });

        Assert.Null(payload["errors"]);
        Assert.Equal(("COMPLETED", 12), (payload["task"]!["status"]!.GetValue<string>(), payload["task"]!["actualMinutes"]!.GetValue<int>()));
        Assert.NotNull(payload["task"]!["completedAt"]);
    }

    [Fact]
    public async Task RejectTask_ByParent_RejectsWithReasonNotifiesAndAudits()
    {
        FamilyTask task = null!;
        var seed = await _api.SeedAsync(s => task = s.AddTask("Done?", FamilyTaskStatus.Completed, s.Members[2], 5, null, TaskMutationClient.Now));

        var payload = await _api.RunAsync("RejectTask", seed.Members[1], new { taskId = Id(task), reason = "Still dusty" });

        Assert.Null(payload["errors"]);
        Assert.Equal(("REJECTED", "Still dusty"), (payload["task"]!["status"]!.GetValue<string>(), payload["task"]!["rejectionReason"]!.GetValue<string>()));
        Assert.True(await _api.DbAsync(db => db.Notifications.AnyAsync(n => n.TaskId == task.Id && n.UserId == seed.Members[2].Id && n.Kind == NotificationKind.TaskRejected)));
        Assert.True(await _api.DbAsync(db => db.AuditLog.AnyAsync(a => a.Action == "task.rejected" && a.TargetId == task.Id && a.ActorId == seed.Members[1].Id)));
        Assert.False(await _api.DbAsync(db => db.PointsHistory.AnyAsync(p => p.TaskId == task.Id)));
    }

    /// <summary>
    /// A parent demoted to MEMBER after sign-in is refused with the token they hold (the stored role decides, not the
    /// token's claim), before the resolver runs, and nothing changes. Task in <paramref name="status"/> assigned to
    /// Members[assignee] (-1: nobody).
    /// </summary>
    [Theory]
    [InlineData("CreateTask", FamilyTaskStatus.Pending, -1)]
    [InlineData("UpdateTask", FamilyTaskStatus.Pending, -1)]
    [InlineData("DeleteTask", FamilyTaskStatus.Pending, -1)]
    [InlineData("AssignTask", FamilyTaskStatus.Pending, -1)]
    [InlineData("ApproveTask", FamilyTaskStatus.Completed, 2)]
    [InlineData("RejectTask", FamilyTaskStatus.Completed, 2)]
    public async Task TaskMutation_ByParentDemotedAfterSignIn_IsRefusedByTheStoredRoleAndChangesNothing(string operation, FamilyTaskStatus status, int assignee)
    {
        FamilyTask task = null!;
        var seed = await _api.SeedAsync(s => task = s.AddTask("Subject", status, assignee < 0 ? null : s.Members[assignee], 5, null, TaskMutationClient.Now));
        var parent = seed.Members[1];
        var token = _api.TokenFor(parent);
        await _api.DemoteAsync(parent);
        var taskId = Id(task);
        object input = operation switch
        {
            "CreateTask" => new { title = "New", points = 5 },
            "UpdateTask" => new { taskId, title = "Renamed" },
            "AssignTask" => new { taskId, userId = Id(seed.Members[3]) },
            "ApproveTask" => new { taskId, bonusPoints = 0 },
            "RejectTask" => new { taskId, reason = "Again" },
            _ => new { taskId },
        };
        var before = await _api.DbAsync(db => db.Tasks.IgnoreQueryFilters().AsNoTracking().Where(t => t.FamilyId == seed.Family.Id)
            .Select(t => new { t.Id, t.Status, t.AssignedToId, t.Title, t.UpdatedAt, t.DeletedAt }).OrderBy(t => t.Id).ToListAsync());

        var response = await _api.RequestAsync(operation, parent, input, token: token);

        Assert.Equal("AUTH_NOT_AUTHORIZED", response["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>());
        var after = await _api.DbAsync(db => db.Tasks.IgnoreQueryFilters().AsNoTracking().Where(t => t.FamilyId == seed.Family.Id)
            .Select(t => new { t.Id, t.Status, t.AssignedToId, t.Title, t.UpdatedAt, t.DeletedAt }).OrderBy(t => t.Id).ToListAsync());
        Assert.Equal(before, after);
    }

    /// <summary>
    /// One row per declared error of each mutation. Task in <paramref name="status"/> assigned to Members[assignee]
    /// (-1: nobody); called by Members[caller]. Variants: foreign (another family's task), foreignUser (another family's
    /// member as assignee), invalid (bad input).
    /// </summary>
    [Theory]
    [InlineData("CreateTask", FamilyTaskStatus.Pending, -1, 1, "invalid", "ValidationError", "VALIDATION_ERROR")]
    [InlineData("CreateTask", FamilyTaskStatus.Pending, -1, 1, "foreignUser", "NotFoundError", "NOT_FOUND")]
    [InlineData("UpdateTask", FamilyTaskStatus.Pending, -1, 1, "foreign", "NotFoundError", "NOT_FOUND")]
    [InlineData("UpdateTask", FamilyTaskStatus.Pending, -1, 1, "invalid", "ValidationError", "VALIDATION_ERROR")]
    [InlineData("UpdateTask", FamilyTaskStatus.Approved, 2, 1, "", "InvalidTransitionError", "INVALID_TRANSITION")]
    [InlineData("DeleteTask", FamilyTaskStatus.Pending, -1, 1, "foreign", "NotFoundError", "NOT_FOUND")]
    [InlineData("DeleteTask", FamilyTaskStatus.Approved, 2, 1, "", "InvalidTransitionError", "INVALID_TRANSITION")]
    [InlineData("AssignTask", FamilyTaskStatus.Pending, -1, 1, "foreign", "NotFoundError", "NOT_FOUND")]
    [InlineData("AssignTask", FamilyTaskStatus.Pending, -1, 1, "foreignUser", "NotFoundError", "NOT_FOUND")]
    [InlineData("AssignTask", FamilyTaskStatus.InProgress, 2, 1, "", "InvalidTransitionError", "INVALID_TRANSITION")]
    [InlineData("ClaimTask", FamilyTaskStatus.Pending, -1, 2, "foreign", "NotFoundError", "NOT_FOUND")]
    [InlineData("ClaimTask", FamilyTaskStatus.InProgress, 3, 2, "", "InvalidTransitionError", "INVALID_TRANSITION")]
    [InlineData("ClaimTask", FamilyTaskStatus.Pending, 3, 2, "", "AlreadyAssignedError", "ALREADY_ASSIGNED")]
    [InlineData("StartTask", FamilyTaskStatus.Pending, 2, 2, "foreign", "NotFoundError", "NOT_FOUND")]
    [InlineData("StartTask", FamilyTaskStatus.Completed, 2, 2, "", "InvalidTransitionError", "INVALID_TRANSITION")]
    [InlineData("StartTask", FamilyTaskStatus.Pending, 3, 2, "", "NotAssigneeError", "NOT_ASSIGNEE")]
    [InlineData("CompleteTask", FamilyTaskStatus.InProgress, 2, 2, "foreign", "NotFoundError", "NOT_FOUND")]
    [InlineData("CompleteTask", FamilyTaskStatus.InProgress, 2, 2, "invalid", "ValidationError", "VALIDATION_ERROR")]
    [InlineData("CompleteTask", FamilyTaskStatus.Pending, 2, 2, "", "InvalidTransitionError", "INVALID_TRANSITION")]
    [InlineData("CompleteTask", FamilyTaskStatus.InProgress, 3, 2, "", "NotAssigneeError", "NOT_ASSIGNEE")]
    [InlineData("ApproveTask", FamilyTaskStatus.Completed, 2, 1, "foreign", "NotFoundError", "NOT_FOUND")]
    [InlineData("ApproveTask", FamilyTaskStatus.Completed, 2, 1, "invalid", "ValidationError", "VALIDATION_ERROR")]
    [InlineData("ApproveTask", FamilyTaskStatus.InProgress, 2, 1, "", "InvalidTransitionError", "INVALID_TRANSITION")]
    [InlineData("ApproveTask", FamilyTaskStatus.Completed, 1, 1, "", "SelfApprovalError", "SELF_APPROVAL")]
    [InlineData("RejectTask", FamilyTaskStatus.Completed, 2, 1, "foreign", "NotFoundError", "NOT_FOUND")]
    [InlineData("RejectTask", FamilyTaskStatus.Completed, 2, 1, "invalid", "ValidationError", "VALIDATION_ERROR")]
    [InlineData("RejectTask", FamilyTaskStatus.Approved, 2, 1, "", "InvalidTransitionError", "INVALID_TRANSITION")]
    [InlineData("RejectTask", FamilyTaskStatus.Completed, 1, 1, "", "SelfApprovalError", "SELF_APPROVAL")]
    public async Task TaskMutation_RefusedCase_ReturnsTheDeclaredErrorAndChangesNothing(
        string operation, FamilyTaskStatus status, int assignee, int caller, string variant, string typeName, string code)
    {
        FamilyTask task = null!;
        var seed = await _api.SeedAsync(s => task = s.AddTask("Subject", status, assignee < 0 ? null : s.Members[assignee], 5, null, TaskMutationClient.Now));
        FamilyTask foreignTask = null!;
        var other = await _api.SeedAsync(s => foreignTask = s.AddTask("Foreign", status, assignee < 0 ? null : s.Members[assignee], 5, null, TaskMutationClient.Now));
        var token = _api.TokenFor(seed.Members[caller]);
        var taskId = Id(variant == "foreign" ? foreignTask : task);
        var userId = Id(variant == "foreignUser" ? other.Members[3] : seed.Members[3]);
        var invalid = variant == "invalid";
        object input = operation switch
        {
            "CreateTask" => new { title = invalid ? " " : "New", points = 5, assignedToId = variant == "foreignUser" ? userId : null },
            "UpdateTask" => new { taskId, title = invalid ? "" : "Renamed" },
            "AssignTask" => new { taskId, userId },
            "CompleteTask" => new { taskId, actualMinutes = invalid ? -1 : 10 },
            "ApproveTask" => new { taskId, bonusPoints = invalid ? -1 : 0 },
            "RejectTask" => new { taskId, reason = invalid ? " " : "Again" },
            _ => new { taskId },
        };
        var before = await _api.DbAsync(db => db.Tasks.IgnoreQueryFilters().AsNoTracking().Where(t => t.FamilyId == seed.Family.Id || t.FamilyId == other.Family.Id)
            .Select(t => new { t.Id, t.Status, t.AssignedToId, t.Title, t.UpdatedAt, t.DeletedAt }).OrderBy(t => t.Id).ToListAsync());

        var payload = await _api.RunAsync(operation, seed.Members[caller], input, token: token);

        TaskMutationClient.AssertError(payload, typeName, code);
        if (typeName == "ValidationError")
        {
            Assert.False(string.IsNullOrEmpty(payload["errors"]![0]!["field"]!.GetValue<string>()));
        }

        var after = await _api.DbAsync(db => db.Tasks.IgnoreQueryFilters().AsNoTracking().Where(t => t.FamilyId == seed.Family.Id || t.FamilyId == other.Family.Id)
            .Select(t => new { t.Id, t.Status, t.AssignedToId, t.Title, t.UpdatedAt, t.DeletedAt }).OrderBy(t => t.Id).ToListAsync());
        Assert.Equal(before, after);
        Assert.False(await _api.DbAsync(db => db.Tasks.AnyAsync(t => t.FamilyId == seed.Family.Id && t.Title == "New")));
    }
}
