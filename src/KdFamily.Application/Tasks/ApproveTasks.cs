using KdFamily.Application.Pipeline;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Tasks;

namespace KdFamily.Application.Tasks;

/// <summary>Several completed tasks to approve at once, each with the same bonus; a null id is a malformed one.</summary>
public sealed record ApproveTasks(Guid CallerId, IReadOnlyList<Guid?> TaskIds, int BonusPoints) : IMemberCommand
{
    /// <summary>At most this many tasks per call: a Saturday's worth, and a bounded amount of work per request.</summary>
    public const int MaxTasks = 50;
}

/// <summary>The outcome of one task of <see cref="ApproveTasks"/>, in the order the ids were given.</summary>
public sealed record TaskApprovalOutcome(int Index, Result<FamilyTask> Result);

/// <summary>
/// Approves each task independently, through <see cref="ApproveTask"/> (its own transaction, rules, ledger rows, audit
/// row and events): one task's failure leaves the others approved.
/// </summary>
public sealed class ApproveTasksHandler(IUseCase<ApproveTask, FamilyTask> approveTask) : IUseCase<ApproveTasks, IReadOnlyList<TaskApprovalOutcome>>
{
    public async Task<Result<IReadOnlyList<TaskApprovalOutcome>>> HandleAsync(ApproveTasks command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.TaskIds.Count > ApproveTasks.MaxTasks)
        {
            return new ValidationError("taskIds", $"At most {ApproveTasks.MaxTasks} tasks at a time.");
        }

        var outcomes = new List<TaskApprovalOutcome>(command.TaskIds.Count);
        for (var i = 0; i < command.TaskIds.Count; i++)
        {
            var result = await approveTask.HandleAsync(new ApproveTask(command.CallerId, command.TaskIds[i], command.BonusPoints), cancellationToken);
            outcomes.Add(new TaskApprovalOutcome(i, result));
        }

        return new Result<IReadOnlyList<TaskApprovalOutcome>>(outcomes);
    }
}
