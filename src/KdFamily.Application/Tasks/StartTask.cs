using KdFamily.Application.Pipeline;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Tasks;

namespace KdFamily.Application.Tasks;

public sealed record StartTask(Guid CallerId, Guid? TaskId) : IMemberCommand;

/// <summary>The assignee starts a PENDING task, or restarts REJECTED work.</summary>
public sealed class StartTaskHandler(TaskWorkflow workflow) : IUseCase<StartTask, FamilyTask>
{
    public Task<Result<FamilyTask>> HandleAsync(StartTask command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return workflow.RunAsync(command, command.TaskId, step => step.Task.Start(step.Caller, step.Now), cancellationToken);
    }
}
