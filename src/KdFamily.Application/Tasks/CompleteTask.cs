using KdFamily.Application.Pipeline;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Tasks;

namespace KdFamily.Application.Tasks;

public sealed record CompleteTask(Guid CallerId, Guid? TaskId, int? ActualMinutes) : IMemberCommand;

/// <summary>The assignee marks IN_PROGRESS work as done.</summary>
public sealed class CompleteTaskHandler(TaskWorkflow workflow) : IUseCase<CompleteTask, FamilyTask>
{
    public Task<Result<FamilyTask>> HandleAsync(CompleteTask command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return workflow.RunAsync(command, command.TaskId, step => step.Task.Complete(step.Caller, command.ActualMinutes, step.Now), cancellationToken);
    }
}
