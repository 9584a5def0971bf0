using GraphQL;
using GraphQL.Types;
using KdFamily.Domain.Achievements;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Data;
using KdFamily.Domain.Notifications;
using KdFamily.Domain.Points;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using KdFamily.Graph.Audit;
using KdFamily.Graph.Auth;
using KdFamily.Graph.LiveUpdates;
using KdFamily.Graph.Schema.Errors;

namespace KdFamily.Graph.Tasks;

public sealed record ApproveTaskInput(string TaskId, int BonusPoints = 0);

public sealed class ApproveTaskInputType : InputObjectGraphType<ApproveTaskInput>
{
    public ApproveTaskInputType()
    {
        Name = "ApproveTaskInput";
        Description = "The completed task to approve and an optional bonus.";
        Field<NonNullGraphType<IdGraphType>>("taskId").Description("A COMPLETED task of the caller's family, not assigned to the caller.");
        Field<IntGraphType>("bonusPoints").Description("Extra points on top of the task's (0 or more), written as a separate approval_bonus ledger row.")
            .DefaultValue(0);
    }
}

public sealed class ApproveTaskErrorType() : ErrorUnionGraphType(
    "approveTask",
    typeof(NotFoundErrorType),
    typeof(NotAuthorizedErrorType),
    typeof(ValidationErrorType),
    typeof(InvalidTransitionErrorType),
    typeof(SelfApprovalErrorType),
    typeof(AlreadyAwardedErrorType));

public sealed class ApproveTaskPayloadType() : PayloadGraphType<FamilyTask, TaskGraphType, ApproveTaskErrorType>(
    "approveTask", "task", "The task, now APPROVED.");

public static class ApproveTaskMutation
{
    public static void AddApproveTask(this ObjectGraphType mutation) =>
        mutation.AddTaskMutation<ApproveTaskPayloadType, ApproveTaskInputType>(
            "approveTask",
            "A parent or advisor other than the assignee approves COMPLETED work. The assignee is awarded the task's points (plus the bonus) exactly once, "
            + "however many approvals race; the losers get INVALID_TRANSITION.",
            UserRole.Parent,
            (context, handler) =>
            {
                var input = context.GetArgument<ApproveTaskInput>("input");
                var services = context.RequestServices!;
                return handler.RunAsync(
                    context.RequireUserId(),
                    input.TaskId,
                    step => step.Task.Approve(step.Actor, input.BonusPoints, step.Now),
                    async (step, _, cancellationToken) =>
                    {
                        var events = services.GetRequiredService<IFamilyEvents>();
                        var awards = await services.GetRequiredService<PointsLedger>().AppendAsync(
                            step.Task.FamilyId, step.Task.AssignedToId!.Value, PointsAwards.ForApproval(step.Task, step.Actor, input.BonusPoints), cancellationToken);
                        foreach (var award in awards)
                        {
                            events.PointsAwarded(award);
                        }

                        TaskNotifications.Notify(services.GetRequiredService<KdFamilyDbContext>(), events, step.Task, step.Task.AssignedToId!.Value, NotificationKind.TaskApproved, step.Now);
                        services.GetRequiredService<AuditTrail>().Record(
                            AuditActions.TaskApproved, step.Task.FamilyId, step.Actor.Id, "Task", step.Task.Id,
                            new { assigneeId = step.Task.AssignedToId, points = step.Task.Points, bonusPoints = input.BonusPoints, ledgerRowIds = awards.Select(a => a.Id) });
                        await OnTaskApprovedAsync(services.GetRequiredService<KdFamilyDbContext>(), events, step, cancellationToken);
                    },
                    context.CancellationToken);
            });

    /// <summary>
    /// What follows an approval, inside its transaction (so it commits or rolls back with the award): the assignee's
    /// achievements are re-evaluated, and any unlocked now pay their reward through the same ledger. Their events
    /// (achievementUnlocked, the reward's pointsAwarded, the notification) are recorded with the approval's and published
    /// after the commit.
    /// </summary>
    private static async Task OnTaskApprovedAsync(KdFamilyDbContext db, IFamilyEvents events, TaskStep step, CancellationToken cancellationToken)
    {
        var unlocked = await AchievementEvaluator.EvaluateAsync(db, step.Task.AssignedToId!.Value, step.Now, cancellationToken);
        await AchievementUnlockEvents.RecordAsync(events, db, unlocked, cancellationToken);
    }
}
