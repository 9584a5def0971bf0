using KdFamily.Application.Pipeline;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Tasks;

namespace KdFamily.Application.Tasks;

public sealed record DeleteTask(Guid CallerId, Guid? TaskId) : IMemberCommand;

/// <summary>A parent soft-deletes a task that is not APPROVED.</summary>
public sealed class DeleteTaskHandler(TaskWorkflow workflow) : IUseCase<DeleteTask, FamilyTask>
{
    public Task<Result<FamilyTask>> HandleAsync(DeleteTask command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return workflow.RunAsync(command, command.TaskId, step => step.Task.Delete(step.Caller, step.Now), cancellationToken);
    }
}
