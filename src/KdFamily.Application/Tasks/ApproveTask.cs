using KdFamily.Application.Achievements;
using KdFamily.Application.Pipeline;
using KdFamily.Domain.Achievements;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Data;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Notifications;
using KdFamily.Domain.Points;
using KdFamily.Domain.Tasks;

namespace KdFamily.Application.Tasks;

public sealed record ApproveTask(Guid CallerId, Guid? TaskId, int BonusPoints) : IMemberCommand;

/// <summary>
/// A parent other than the assignee approves COMPLETED work. In the same transaction: the approval's ledger rows, the
/// assignee's notification, the audit row, and the achievements the approval unlocks (with their rewards). However many
/// approvals race, the points are paid once. Five round trips in all, when nothing is unlocked: the caller with the task,
/// the task's write, the ledger with the evaluation's reads, the achievements' progress, and the commit.
/// </summary>
public sealed class ApproveTaskHandler(TaskWorkflow workflow, PointsLedger ledger) : IUseCase<ApproveTask, FamilyTask>
{
    public Task<Result<FamilyTask>> HandleAsync(ApproveTask command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return workflow.RunNotifyingAssigneeAsync(
            command,
            command.TaskId,
            (step, _) => Task.FromResult(step.Task.Approve(step.Caller, command.BonusPoints, step.Now)),
            async (step, token) =>
            {
                var task = step.Task;
                var assigneeId = task.AssignedToId!.Value;

                // After the task's own write, one round trip: the ledger rows, then what the achievement evaluation
                // reads (the rows just written count). The notification and the audit row go with the task's write.
                var batch = new TransactionBatch(step.Work.Db);
                var awards = ledger.Append(batch, task.FamilyId, assigneeId, PointsAwards.ForApproval(task, step.Caller, command.BonusPoints));
                var evaluation = AchievementEvaluator.Prepare(batch, assigneeId, task.FamilyId, step.FamilyTimeZone, step.Now);
                foreach (var award in awards)
                {
                    step.Work.Events.PointsAwarded(award);
                }

                step.NotifyAssignee(NotificationKind.TaskApproved);
                step.Work.Audit.Record(
                    AuditActions.TaskApproved, task.FamilyId, step.Caller.Id, "Task", task.Id,
                    new { assigneeId, points = task.Points, bonusPoints = command.BonusPoints, ledgerRowIds = awards.Select(a => a.Id) });
                await batch.RunAsync(token);

                AchievementUnlockEvents.Record(step.Work.Events, await evaluation.CompleteAsync(token));
            },
            cancellationToken);
    }
}
