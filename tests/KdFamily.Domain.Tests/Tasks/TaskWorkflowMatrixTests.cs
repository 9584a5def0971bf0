using KdFamily.Domain.Errors;
using KdFamily.Domain.Families;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using NodaTime;

namespace KdFamily.Domain.Tests.Tasks;

/// <summary>
/// Every (status, assignee, action, role) combination of the workflow: the allowed ones move the task as DESIGN §4
/// says and record a transition; every other one returns its declared error and leaves the task untouched.
/// </summary>
public sealed class TaskWorkflowMatrixTests
{
    public enum Assignee
    {
        Nobody,
        Caller,
        Someone,
    }

    private static readonly Instant Created = Instant.FromUtc(2026, 11, 1, 8, 0);
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 12, 0);

    private static readonly string[] Actions =
        [TaskActions.Claim, TaskActions.Assign, TaskActions.Start, TaskActions.Complete, TaskActions.Approve, TaskActions.Reject, TaskActions.Update, TaskActions.Delete];

    public static TheoryData<FamilyTaskStatus, Assignee, string, UserRole> Combinations()
    {
        var data = new TheoryData<FamilyTaskStatus, Assignee, string, UserRole>();
        foreach (var status in Enum.GetValues<FamilyTaskStatus>())
        {
            // Only PENDING tasks can be unassigned: claiming or assigning is the way out of PENDING.
            var assignees = status == FamilyTaskStatus.Pending ? Enum.GetValues<Assignee>() : [Assignee.Caller, Assignee.Someone];
            foreach (var assignee in assignees)
            {
                foreach (var action in Actions)
                {
                    foreach (var role in Enum.GetValues<UserRole>())
                    {
                        data.Add(status, assignee, action, role);
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Action_InEveryStateForEveryRole_SucceedsOnlyWhereTheWorkflowAllowsIt(FamilyTaskStatus status, Assignee assignee, string action, UserRole role)
    {
        var (task, caller, someone) = Arrange(status, assignee, role);
        var before = Snapshot(task);
        var expected = ExpectedError(status, assignee, action, role);

        var result = Act(task, action, caller, someone);

        if (expected is null)
        {
            Assert.True(result.IsSuccess, $"expected success, got {result.Error}");
            var transition = result.Value!;
            Assert.Equal((status, ExpectedStatus(status, action), action, caller.Id, task.Id), (transition.FromStatus!.Value, transition.ToStatus, transition.Action, transition.ActorId, transition.TaskId));
            Assert.Equal(transition.ToStatus, task.Status);
            Assert.Equal(Now, transition.At);
            Assert.Equal(Now, task.UpdatedAt);
        }
        else
        {
            Assert.False(result.IsSuccess, $"expected {expected}, but the action succeeded");
            Assert.Equal(expected, result.Error!.Code);
            Assert.Equal(before, Snapshot(task));
            if (result.Error is InvalidTransitionError invalid)
            {
                Assert.Equal((status, action), (invalid.From, invalid.Action));
            }
        }
    }

    [Fact]
    public void Combinations_CoverEveryStatusActionAndRole()
    {
        // 5 statuses: PENDING with 3 assignee cases, the other 4 with 2 → 11 states × 8 actions × 3 roles.
        Assert.Equal(11 * 8 * 3, Combinations().Count);
    }

    /// <summary>The table of DESIGN §4, written out independently of the implementation.</summary>
    private static string? ExpectedError(FamilyTaskStatus status, Assignee assignee, string action, UserRole role)
    {
        var parent = role >= UserRole.Parent;
        const string denied = "NOT_AUTHORIZED", invalid = "INVALID_TRANSITION";
        return action switch
        {
            TaskActions.Claim => status != FamilyTaskStatus.Pending ? invalid : assignee != Assignee.Nobody ? "ALREADY_ASSIGNED" : null,
            TaskActions.Assign => !parent ? denied : status != FamilyTaskStatus.Pending ? invalid : null,
            TaskActions.Start => status is not (FamilyTaskStatus.Pending or FamilyTaskStatus.Rejected) ? invalid : assignee != Assignee.Caller ? "NOT_ASSIGNEE" : null,
            TaskActions.Complete => status != FamilyTaskStatus.InProgress ? invalid : assignee != Assignee.Caller ? "NOT_ASSIGNEE" : null,
            TaskActions.Approve or TaskActions.Reject => !parent ? denied : status != FamilyTaskStatus.Completed ? invalid : assignee == Assignee.Caller ? "SELF_APPROVAL" : null,
            TaskActions.Update or TaskActions.Delete => !parent ? denied : status == FamilyTaskStatus.Approved ? invalid : null,
            _ => throw new ArgumentOutOfRangeException(nameof(action)),
        };
    }

    private static FamilyTaskStatus ExpectedStatus(FamilyTaskStatus from, string action) => action switch
    {
        TaskActions.Start => FamilyTaskStatus.InProgress,
        TaskActions.Complete => FamilyTaskStatus.Completed,
        TaskActions.Approve => FamilyTaskStatus.Approved,
        TaskActions.Reject => FamilyTaskStatus.Rejected,
        _ => from,
    };

    private static Result<TaskTransition> Act(FamilyTask task, string action, User caller, User someone) => action switch
    {
        TaskActions.Claim => task.Claim(caller, Now),
        TaskActions.Assign => task.Assign(caller, someone, Now),
        TaskActions.Start => task.Start(caller, Now),
        TaskActions.Complete => task.Complete(caller, 25, Now),
        TaskActions.Approve => task.Approve(caller, 3, Now),
        TaskActions.Reject => task.Reject(caller, "Not done yet", Now),
        TaskActions.Update => task.Update(caller, new TaskEdit(Title: new("Renamed")), Now),
        TaskActions.Delete => task.Delete(caller, Now),
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    private static (FamilyTask Task, User Caller, User Someone) Arrange(FamilyTaskStatus status, Assignee assignee, UserRole role)
    {
        var family = new Family { Name = "Matrix", TimeZone = "UTC", InviteCode = "CODE" };
        var caller = TestUsers.Create(family, role, "caller");
        var someone = TestUsers.Create(family, UserRole.Member, "someone");
        var task = new FamilyTask
        {
            FamilyId = family.Id,
            Title = "Dishes",
            Status = status,
            Points = 10,
            CreatedById = caller.Id,
            AssignedToId = assignee switch { Assignee.Caller => caller.Id, Assignee.Someone => someone.Id, _ => null },
            CreatedAt = Created,
            UpdatedAt = Created,
        };
        return (task, caller, someone);
    }

    private static object Snapshot(FamilyTask t) =>
        (t.Status, t.AssignedToId, t.Title, t.UpdatedAt, t.DeletedAt, t.ApprovedById, t.ApprovedAt, t.CompletedAt, t.RejectionReason, t.ActualMinutes, t.StartedAt);
}
