using KdFamily.Application.Pipeline;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Tasks;

namespace KdFamily.Application.Tasks;

public sealed record UpdateTask(Guid CallerId, Guid? TaskId, TaskEdit Edit) : IMemberCommand;

/// <summary>A parent edits a task that is not yet APPROVED.</summary>
public sealed class UpdateTaskHandler(TaskWorkflow workflow) : IUseCase<UpdateTask, FamilyTask>
{
    public Task<Result<FamilyTask>> HandleAsync(UpdateTask command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return workflow.RunAsync(
            command,
            command.TaskId,
            async (step, token) =>
                command.Edit.TaskTypeId is { Value: { } taskTypeId } && !await TaskTypeChecks.IsFamilysAsync(step.Work, taskTypeId, token)
                    ? NotFoundError.Of("TaskType")
                    : step.Task.Update(step.Caller, command.Edit, step.Now),
            null,
            cancellationToken);
    }
}
