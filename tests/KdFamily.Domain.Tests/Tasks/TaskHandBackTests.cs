using KdFamily.Domain.Errors;
using KdFamily.Domain.Families;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using NodaTime;

namespace KdFamily.Domain.Tests.Tasks;

/// <summary>What happens to a member's tasks when they leave the family.</summary>
public sealed class TaskHandBackTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 12, 0);
    private readonly Family _family = new() { Name = "HandBack", TimeZone = "UTC", InviteCode = "CODE" };

    [Theory]
    [InlineData(FamilyTaskStatus.Pending)]
    [InlineData(FamilyTaskStatus.InProgress)]
    [InlineData(FamilyTaskStatus.Rejected)]
    public void Unassign_OpenWorkOfARemovedMember_BecomesUnassignedPendingWithAnUnassignTransition(FamilyTaskStatus status)
    {
        var (advisor, leaver) = RemovedMember();
        var task = Task(status, leaver);
        task.StartedAt = Now - Duration.FromHours(1);

        var transition = task.Unassign(advisor, leaver, Now).Value!;

        Assert.Equal((FamilyTaskStatus.Pending, null, null, Now), (task.Status, task.AssignedToId, task.StartedAt, task.UpdatedAt));
        Assert.Equal((task.Id, status, FamilyTaskStatus.Pending, TaskActions.Unassign, advisor.Id, Now),
            (transition.TaskId, transition.FromStatus, transition.ToStatus, transition.Action, transition.ActorId, transition.At));
    }

    [Theory]
    [InlineData(FamilyTaskStatus.Completed)]
    [InlineData(FamilyTaskStatus.Approved)]
    public void Unassign_FinishedWork_IsAnInvalidTransitionAndKeepsTheAssignee(FamilyTaskStatus status)
    {
        var (advisor, leaver) = RemovedMember();
        var task = Task(status, leaver);

        Assert.IsType<InvalidTransitionError>(task.Unassign(advisor, leaver, Now).Error);
        Assert.Equal((status, leaver.Id), (task.Status, task.AssignedToId));
    }

    [Fact]
    public void Unassign_SomeoneElsesTask_IsNotAssigneeAndChangesNothing()
    {
        var (advisor, leaver) = RemovedMember();
        var other = TestUsers.Create(_family, UserRole.Member, "other");
        var task = Task(FamilyTaskStatus.InProgress, other);

        Assert.IsType<NotAssigneeError>(task.Unassign(advisor, leaver, Now).Error);
        Assert.Equal((FamilyTaskStatus.InProgress, other.Id), (task.Status, task.AssignedToId));
    }

    [Fact]
    public void Unassign_ByMember_IsNotAuthorized()
    {
        var (_, leaver) = RemovedMember();
        var member = TestUsers.Create(_family, UserRole.Member, "member");

        Assert.IsType<NotAuthorizedError>(Task(FamilyTaskStatus.Pending, leaver).Unassign(member, leaver, Now).Error);
    }

    [Fact]
    public void Unassign_MemberStillInTheFamily_IsAProgrammerError()
    {
        var advisor = TestUsers.Create(_family, UserRole.Advisor, "advisor");
        var kid = TestUsers.Create(_family, UserRole.Member, "kid");

        Assert.Throws<InvalidOperationException>(() => Task(FamilyTaskStatus.Pending, kid).Unassign(advisor, kid, Now));
    }

    [Fact]
    public void HandBackWorkOf_AdvisorLeavingThemself_HandsBackOpenWorkOnlyAndKeepsCompletedAssigned()
    {
        var advisor = TestUsers.Create(_family, UserRole.Advisor, "advisor");
        Assert.True(Membership.Remove(advisor, advisor, advisorCount: 2, Now).IsSuccess);
        var pending = Task(FamilyTaskStatus.Pending, advisor);
        var started = Task(FamilyTaskStatus.InProgress, advisor);
        var rejected = Task(FamilyTaskStatus.Rejected, advisor);
        var completed = Task(FamilyTaskStatus.Completed, advisor);
        var approved = Task(FamilyTaskStatus.Approved, advisor);
        var deleted = Task(FamilyTaskStatus.Pending, advisor);
        deleted.DeletedAt = Now;

        var transitions = FamilyTask.HandBackWorkOf(advisor, [pending, started, rejected, completed, approved, deleted], advisor, Now);

        Assert.Equal([pending.Id, started.Id, rejected.Id], transitions.Select(t => t.TaskId));
        Assert.All(transitions, t => Assert.Equal((TaskActions.Unassign, FamilyTaskStatus.Pending), (t.Action, t.ToStatus)));
        Assert.Equal((FamilyTaskStatus.Completed, advisor.Id), (completed.Status, completed.AssignedToId));
        Assert.Equal((FamilyTaskStatus.Approved, advisor.Id), (approved.Status, approved.AssignedToId));
        Assert.Equal(advisor.Id, deleted.AssignedToId);
    }

    private (User Advisor, User Leaver) RemovedMember()
    {
        var advisor = TestUsers.Create(_family, UserRole.Advisor, "advisor");
        var leaver = TestUsers.Create(_family, UserRole.Member, "leaver");
        Assert.True(Membership.Remove(advisor, leaver, advisorCount: 1, Now).IsSuccess);
        return (advisor, leaver);
    }

    private FamilyTask Task(FamilyTaskStatus status, User assignee) => new()
    {
        FamilyId = _family.Id,
        Title = "Dishes",
        Status = status,
        Points = 10,
        AssignedToId = assignee.Id,
    };
}
