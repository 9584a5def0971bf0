using GraphQL.Types;
using GraphQLServer.Relay;
using KdFamily.Application.Tasks;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.SchemaRoot;
using KdFamily.Graph.SchemaRoot.Errors;

namespace KdFamily.Graph.Tasks;

public sealed record ApproveTaskInput(string TaskId, int BonusPoints = 0);

public sealed class ApproveTaskInputType : InputObjectGraphType<ApproveTaskInput>
{
    public ApproveTaskInputType()
    {
        Name = "ApproveTaskInput";
        Description = "The completed task to approve and an optional bonus.";
        Field<NonNullGraphType<IdGraphType>>("taskId").Description("A COMPLETED task of the caller's family, not assigned to the caller.");
        Field<IntGraphType>("bonusPoints").Description("Extra points on top of the task's (0 or more), written as a separate approval_bonus ledger row.")
            .DefaultValue(0);
    }
}

public sealed class ApproveTaskErrorType() : ErrorUnionGraphType(
    "approveTask",
    typeof(NotFoundErrorType),
    typeof(NotAuthorizedErrorType),
    typeof(ValidationErrorType),
    typeof(InvalidTransitionErrorType),
    typeof(SelfApprovalErrorType),
    typeof(AlreadyAwardedErrorType));

public sealed class ApproveTaskPayloadType() : PayloadGraphType<FamilyTask, TaskGraphType, ApproveTaskErrorType>(
    "approveTask", "task", "The task, now APPROVED.");
public static class ApproveTaskMutation
{
    public static void AddApproveTask(this ObjectGraphType mutation) =>
        mutation.AddUseCase<ApproveTaskPayloadType, ApproveTaskInputType, ApproveTask, FamilyTask>(
            "approveTask",
            "A parent or advisor other than the assignee approves COMPLETED work. The assignee is awarded the task's points (plus the bonus) exactly once, "
            + "however many approvals race; the losers get INVALID_TRANSITION.",
            UserRole.Parent,
            context =>
            {
                var input = context.Input<ApproveTaskInput>();
                return new ApproveTask(context.RequireUserId(), GlobalId.Decode(input.TaskId, "Task"), input.BonusPoints);
            });
}
