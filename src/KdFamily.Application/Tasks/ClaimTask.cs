using KdFamily.Application.Pipeline;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Tasks;

namespace KdFamily.Application.Tasks;

public sealed record ClaimTask(Guid CallerId, Guid? TaskId) : IMemberCommand;

/// <summary>A member takes an open task; of concurrent claims exactly one wins.</summary>
public sealed class ClaimTaskHandler(TaskWorkflow workflow) : IUseCase<ClaimTask, FamilyTask>
{
    public Task<Result<FamilyTask>> HandleAsync(ClaimTask command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return workflow.RunAsync(command, command.TaskId, step => step.Task.Claim(step.Caller, step.Now), cancellationToken);
    }
}
