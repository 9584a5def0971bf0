using KdFamily.Application.Notifications;
using KdFamily.Application.Pipeline;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Notifications;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;

namespace KdFamily.Application.Tasks;

public sealed record CreateTask(Guid CallerId, TaskDetails Details, Guid? AssigneeId, bool AssigneeGiven) : IMemberCommand;

/// <summary>A parent creates a PENDING task, optionally assigned to a member of the family, who is notified.</summary>
public sealed class CreateTaskHandler(UseCasePipeline pipeline) : IUseCase<CreateTask, FamilyTask>
{
    public Task<Result<FamilyTask>> HandleAsync(CreateTask command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return pipeline.RunAsync<FamilyTask>(command, async (work, token) =>
        {
            User? assignee = null;
            if (command.AssigneeGiven && (assignee = await work.FindMemberAsync(command.AssigneeId, token)) is null)
            {
                return NotFoundError.Of("User");
            }

            if (command.Details.TaskTypeId is { } taskTypeId && !await TaskTypeChecks.IsFamilysAsync(work, taskTypeId, token))
            {
                return NotFoundError.Of("TaskType");
            }

            var result = FamilyTask.Create(work.Caller, command.Details, assignee, work.Now);
            if (result.Value is not { } created)
            {
                return result.Error!;
            }

            work.Db.Tasks.Add(created.Task);
            work.Db.TaskTransitions.Add(created.Transition);
            if (assignee is not null && assignee.Id != work.Caller.Id)
            {
                await TaskNotifications.NotifyAsync(work.Db, work.Events, created.Task, assignee.Id, NotificationKind.TaskAssigned, work.Now, token);
            }

            work.Events.TaskCreated(created.Task);
            return created.Task;
        }, cancellationToken);
    }
}
