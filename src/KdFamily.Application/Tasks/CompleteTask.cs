using KdFamily.Application.Notifications;
using KdFamily.Application.Pipeline;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Notifications;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Application.Tasks;

public sealed record CompleteTask(Guid CallerId, Guid? TaskId, int? ActualMinutes) : IMemberCommand;

/// <summary>
/// The assignee marks IN_PROGRESS work as done; every parent and advisor of the family but the assignee gets
/// TASK_AWAITING_APPROVAL in the same transaction.
/// </summary>
public sealed class CompleteTaskHandler(TaskWorkflow workflow) : IUseCase<CompleteTask, FamilyTask>
{
    public Task<Result<FamilyTask>> HandleAsync(CompleteTask command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return workflow.RunAsync(
            command,
            command.TaskId,
            (step, _) => Task.FromResult(step.Task.Complete(step.Caller, command.ActualMinutes, step.Now)),
            async (step, token) =>
            {
                var approvers = await step.Work.Db.Users.AsNoTracking()
                    .Where(u => u.FamilyId == step.Task.FamilyId && u.RemovedAt == null && (u.Role == UserRole.Parent || u.Role == UserRole.Advisor))
                    .ToListAsync(token);
                await TaskNotifications.NotifyEachAsync(
                    step.Work.Db, step.Work.Events, step.Task,
                    [.. approvers.Where(u => NotificationCatalogue.HearsAboutAwaitingApproval(u, step.Task)).Select(u => u.Id)],
                    NotificationKind.TaskAwaitingApproval, step.Now, token);
            },
            cancellationToken);
    }
}
