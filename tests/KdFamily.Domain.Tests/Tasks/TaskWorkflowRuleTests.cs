using KdFamily.Domain.Errors;
using KdFamily.Domain.Families;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using NodaTime;

namespace KdFamily.Domain.Tests.Tasks;

public sealed class TaskWorkflowRuleTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 12, 0);
    private readonly Family _family = new() { Name = "Rules", TimeZone = "UTC", InviteCode = "CODE" };
    private readonly Family _otherFamily = new() { Name = "Other", TimeZone = "UTC", InviteCode = "CODE" };

    [Fact]
    public void Create_ByParent_IsPendingInTheParentsFamilyWithACreateTransition()
    {
        var parent = User(UserRole.Parent);
        var kid = User(UserRole.Member);

        var result = FamilyTask.Create(parent, new TaskDetails("  Dishes ", "All of them", 10, Now, TaskPriority.High, 2, 15), kid, Now);

        var (task, transition) = result.Value!;
        Assert.Equal((FamilyTaskStatus.Pending, _family.Id, kid.Id, parent.Id, "Dishes", TaskPriority.High), (task.Status, task.FamilyId, task.AssignedToId, task.CreatedById, task.Title, task.Priority));
        Assert.Equal((null, FamilyTaskStatus.Pending, TaskActions.Create, task.Id), (transition.FromStatus, transition.ToStatus, transition.Action, transition.TaskId));
    }

    [Fact]
    public void Create_ByMember_IsNotAuthorized() =>
        Assert.IsType<NotAuthorizedError>(FamilyTask.Create(User(UserRole.Member), Details(), null, Now).Error);

    [Theory]
    [InlineData("", 10, 1, null, "title")]
    [InlineData("   ", 10, 1, null, "title")]
    [InlineData("Dishes", -1, 1, null, "points")]
    [InlineData("Dishes", 10_001, 1, null, "points")]
    [InlineData("Dishes", 10, 0, null, "difficultyLevel")]
    [InlineData("Dishes", 10, 11, null, "difficultyLevel")]
    [InlineData("Dishes", 10, 1, -5, "estimatedMinutes")]
    public void Create_WithInvalidInput_NamesTheField(string title, int points, int difficulty, int? estimate, string field)
    {
        var result = FamilyTask.Create(User(UserRole.Parent), new TaskDetails(title, null, points, null, DifficultyLevel: difficulty, EstimatedMinutes: estimate), null, Now);

        Assert.Equal(field, Assert.IsType<ValidationError>(result.Error).Field);
    }

    [Fact]
    public void Create_WithTooLongTitle_IsAValidationError() =>
        Assert.Equal("title", Assert.IsType<ValidationError>(FamilyTask.Create(User(UserRole.Parent), Details() with { Title = new string('x', 201) }, null, Now).Error).Field);

    [Fact]
    public void Create_AssignedToAnotherFamilysMember_IsNotFound() =>
        Assert.IsType<NotFoundError>(FamilyTask.Create(User(UserRole.Parent), Details(), User(UserRole.Member, _otherFamily), Now).Error);

    [Fact]
    public void Assign_ToRemovedMember_IsNotFoundAndKeepsTheTask()
    {
        var task = Task(FamilyTaskStatus.Pending, null);
        var removed = User(UserRole.Member);
        removed.RemovedAt = Now;

        Assert.IsType<NotFoundError>(task.Assign(User(UserRole.Parent), removed, Now).Error);
        Assert.Null(task.AssignedToId);
    }

    [Fact]
    public void Assign_ToAnotherMember_ReassignsAndNotesThePreviousAssignee()
    {
        var first = User(UserRole.Member);
        var second = User(UserRole.Member);
        var task = Task(FamilyTaskStatus.Pending, first);

        var transition = task.Assign(User(UserRole.Parent), second, Now).Value!;

        Assert.Equal(second.Id, task.AssignedToId);
        Assert.Contains(first.Id.ToString(), transition.Note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TaskActions.Claim)]
    [InlineData(TaskActions.Assign)]
    [InlineData(TaskActions.Approve)]
    [InlineData(TaskActions.Delete)]
    public void Action_OnAnotherFamilysTask_IsNotFound(string action)
    {
        var stranger = User(UserRole.Advisor, _otherFamily);
        var task = Task(action == TaskActions.Approve ? FamilyTaskStatus.Completed : FamilyTaskStatus.Pending, action == TaskActions.Approve ? User(UserRole.Member) : null);

        var result = action switch
        {
            TaskActions.Claim => task.Claim(stranger, Now),
            TaskActions.Assign => task.Assign(stranger, User(UserRole.Member), Now),
            TaskActions.Approve => task.Approve(stranger, 0, Now),
            _ => task.Delete(stranger, Now),
        };

        Assert.IsType<NotFoundError>(result.Error);
    }

    [Fact]
    public void Claim_ADeletedTask_IsNotFound()
    {
        var task = Task(FamilyTaskStatus.Pending, null);
        task.DeletedAt = Now;

        Assert.IsType<NotFoundError>(task.Claim(User(UserRole.Member), Now).Error);
    }

    [Fact]
    public void Claim_ByARemovedMember_IsNotFound()
    {
        var member = User(UserRole.Member);
        member.RemovedAt = Now;

        Assert.IsType<NotFoundError>(Task(FamilyTaskStatus.Pending, null).Claim(member, Now).Error);
    }

    [Fact]
    public void Complete_WithNegativeMinutes_IsAValidationError()
    {
        var kid = User(UserRole.Member);

        Assert.Equal("actualMinutes", Assert.IsType<ValidationError>(Task(FamilyTaskStatus.InProgress, kid).Complete(kid, -1, Now).Error).Field);
    }

    [Fact]
    public void Complete_ByAssignee_RecordsMinutesAndTime()
    {
        var kid = User(UserRole.Member);
        var task = Task(FamilyTaskStatus.InProgress, kid);

        task.Complete(kid, 42, Now);

        Assert.Equal((FamilyTaskStatus.Completed, 42, Now), (task.Status, task.ActualMinutes, task.CompletedAt));
    }

    [Fact]
    public void Approve_WithNegativeBonus_IsAValidationError() =>
        Assert.Equal("bonusPoints", Assert.IsType<ValidationError>(Task(FamilyTaskStatus.Completed, User(UserRole.Member)).Approve(User(UserRole.Parent), -1, Now).Error).Field);

    [Fact]
    public void Approve_ByOtherParent_RecordsApprover()
    {
        var parent = User(UserRole.Parent);
        var task = Task(FamilyTaskStatus.Completed, User(UserRole.Member));

        task.Approve(parent, 0, Now);

        Assert.Equal((FamilyTaskStatus.Approved, parent.Id, Now), (task.Status, task.ApprovedById, task.ApprovedAt));
    }

    [Fact]
    public void Approve_AParentsTaskByAnotherParent_Succeeds()
    {
        var doer = User(UserRole.Parent);

        Assert.True(Task(FamilyTaskStatus.Completed, doer).Approve(User(UserRole.Advisor), 0, Now).IsSuccess);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void Reject_WithoutReason_IsAValidationError(string? reason) =>
        Assert.Equal("reason", Assert.IsType<ValidationError>(Task(FamilyTaskStatus.Completed, User(UserRole.Member)).Reject(User(UserRole.Parent), reason, Now).Error).Field);

    [Fact]
    public void Start_AfterRejection_ClearsCompletionAndKeepsTheReason()
    {
        var kid = User(UserRole.Member);
        var task = Task(FamilyTaskStatus.Completed, kid);
        task.CompletedAt = Now;
        task.Reject(User(UserRole.Parent), " Still dusty ", Now);

        var transition = task.Start(kid, Now.Plus(Duration.FromMinutes(1))).Value!;

        Assert.Equal((FamilyTaskStatus.Rejected, FamilyTaskStatus.InProgress), (transition.FromStatus, transition.ToStatus));
        Assert.Null(task.CompletedAt);
        Assert.Equal("Still dusty", task.RejectionReason);
    }

    [Fact]
    public void Update_ChangesOnlyGivenFieldsAndCanClearOptionalOnes()
    {
        var task = Task(FamilyTaskStatus.InProgress, User(UserRole.Member));
        task.Description = "old";
        task.DueDate = Now;

        task.Update(User(UserRole.Parent), new TaskEdit(Points: new(20), Description: new(null)), Now);

        Assert.Equal((20, null, Now, "Dishes", FamilyTaskStatus.InProgress), (task.Points, task.Description, task.DueDate, task.Title, task.Status));
    }

    [Fact]
    public void Update_WithEmptyTitle_IsAValidationError() =>
        Assert.Equal("title", Assert.IsType<ValidationError>(Task(FamilyTaskStatus.Pending, null).Update(User(UserRole.Parent), new TaskEdit(Title: new("")), Now).Error).Field);

    [Fact]
    public void Delete_ByParent_SoftDeletes()
    {
        var task = Task(FamilyTaskStatus.Rejected, User(UserRole.Member));

        task.Delete(User(UserRole.Parent), Now);

        Assert.Equal(Now, task.DeletedAt);
        Assert.IsType<NotFoundError>(task.Delete(User(UserRole.Parent), Now).Error);
    }

    private static TaskDetails Details() => new("Dishes", null, 10, null);

    private User User(UserRole role, Family? family = null) => TestUsers.Create(family ?? _family, role, $"{role}-{Guid.NewGuid():N}"[..20]);

    private FamilyTask Task(FamilyTaskStatus status, User? assignee) => new()
    {
        FamilyId = _family.Id,
        Title = "Dishes",
        Status = status,
        Points = 10,
        AssignedToId = assignee?.Id,
    };
}
