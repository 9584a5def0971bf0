using KdFamily.Domain.Tasks;

namespace KdFamily.Domain.Errors;

/// <summary>The task's status does not allow the action (e.g. approving a PENDING task, or a second approval).</summary>
public sealed record InvalidTransitionError(FamilyTaskStatus From, string Action, string Message) : DomainError(ErrorCodes.InvalidTransition, Message)
{
    public static InvalidTransitionError Of(FamilyTaskStatus from, string action) =>
        new(from, action, $"A task in status {TaskStatusNames.Screaming(from)} cannot be {TaskStatusNames.PastTense(action)}.");
}

/// <summary>The task already has an assignee (e.g. someone else won the claim).</summary>
public sealed record AlreadyAssignedError(string Message) : DomainError(ErrorCodes.AlreadyAssigned, Message);

/// <summary>Only the task's assignee may do this (start, complete).</summary>
public sealed record NotAssigneeError(string Message) : DomainError(ErrorCodes.NotAssignee, Message);

/// <summary>A parent tried to approve or reject work on a task assigned to themselves.</summary>
public sealed record SelfApprovalError(string Message) : DomainError(ErrorCodes.SelfApproval, Message);

/// <summary>The same logical award (idempotency key) was already written to the ledger.</summary>
public sealed record AlreadyAwardedError(string Message) : DomainError(ErrorCodes.AlreadyAwarded, Message);
