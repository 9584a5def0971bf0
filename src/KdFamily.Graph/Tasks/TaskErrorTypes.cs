using GraphQL.Types;
using KdFamily.Domain.Errors;
using KdFamily.Graph.SchemaRoot.Errors;

namespace KdFamily.Graph.Tasks;

public sealed class InvalidTransitionErrorType : DomainErrorGraphType<InvalidTransitionError>
{
    public InvalidTransitionErrorType()
        : base("The task's status does not allow the action, e.g. approving twice (code INVALID_TRANSITION).")
    {
        Field<NonNullGraphType<TaskStatusType>>("from").Description("The task's status when the action was refused.").Resolve(c => c.Source.From);
        Field<NonNullGraphType<StringGraphType>>("action").Description("The refused action, e.g. approve.").Resolve(c => c.Source.Action)
            .DeprecationReason("Use `refusedAction`, an enum.");
        Field<NonNullGraphType<TaskActionType>>("refusedAction").Description("The refused action.").Resolve(c => c.Source.Action);
    }
}

public sealed class AlreadyAssignedErrorType() : DomainErrorGraphType<AlreadyAssignedError>(
    "The task already has an assignee, e.g. someone else claimed it first (code ALREADY_ASSIGNED).");

public sealed class NotAssigneeErrorType() : DomainErrorGraphType<NotAssigneeError>(
    "Only the task's assignee may do this (code NOT_ASSIGNEE).");

public sealed class SelfApprovalErrorType() : DomainErrorGraphType<SelfApprovalError>(
    "A parent cannot approve or reject a task assigned to themselves, nor decide on their own redemption (code SELF_APPROVAL).");

public sealed class AlreadyAwardedErrorType() : DomainErrorGraphType<AlreadyAwardedError>(
    "The same award was already written to the points ledger (code ALREADY_AWARDED).");
