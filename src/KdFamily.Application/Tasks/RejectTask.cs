using KdFamily.Application.Pipeline;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Notifications;
using KdFamily.Domain.Tasks;

namespace KdFamily.Application.Tasks;

public sealed record RejectTask(Guid CallerId, Guid? TaskId, string? Reason) : IMemberCommand;

/// <summary>A parent other than the assignee sends COMPLETED work back with a reason; the assignee is notified, nothing is paid.</summary>
public sealed class RejectTaskHandler(TaskWorkflow workflow) : IUseCase<RejectTask, FamilyTask>
{
    public Task<Result<FamilyTask>> HandleAsync(RejectTask command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return workflow.RunNotifyingAssigneeAsync(
            command,
            command.TaskId,
            (step, _) => Task.FromResult(step.Task.Reject(step.Caller, command.Reason, step.Now)),
            (step, _) =>
            {
                step.NotifyAssignee(NotificationKind.TaskRejected);
                step.Work.Audit.Record(
                    AuditActions.TaskRejected, step.Task.FamilyId, step.Caller.Id, "Task", step.Task.Id,
                    new { assigneeId = step.Task.AssignedToId, reason = step.Task.RejectionReason });
                return Task.CompletedTask;
            },
            cancellationToken);
    }
}
