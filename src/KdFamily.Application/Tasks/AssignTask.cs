using KdFamily.Application.Notifications;
using KdFamily.Application.Pipeline;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Notifications;
using KdFamily.Domain.Tasks;

namespace KdFamily.Application.Tasks;

public sealed record AssignTask(Guid CallerId, Guid? TaskId, Guid? AssigneeId) : IMemberCommand;

/// <summary>A parent assigns or reassigns a PENDING task to a member, who is notified (unless they assigned themselves).</summary>
public sealed class AssignTaskHandler(TaskWorkflow workflow) : IUseCase<AssignTask, FamilyTask>
{
    public Task<Result<FamilyTask>> HandleAsync(AssignTask command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return workflow.RunAsync(
            command,
            command.TaskId,
            async (step, token) => await step.Work.FindMemberAsync(command.AssigneeId, token) is { } assignee
                ? step.Task.Assign(step.Caller, assignee, step.Now)
                : NotFoundError.Of("User"),
            async (step, token) =>
            {
                if (step.Task.AssignedToId != step.Caller.Id)
                {
                    await TaskNotifications.NotifyAsync(step.Work.Db, step.Work.Events, step.Task, step.Task.AssignedToId!.Value, NotificationKind.TaskAssigned, step.Now, token);
                }
            },
            cancellationToken);
    }
}
