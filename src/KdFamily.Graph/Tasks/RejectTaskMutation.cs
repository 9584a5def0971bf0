using GraphQL.Types;
using GraphQLServer.Relay;
using KdFamily.Application.Tasks;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.SchemaRoot;
using KdFamily.Graph.SchemaRoot.Errors;

namespace KdFamily.Graph.Tasks;

public sealed record RejectTaskInput(string TaskId, string Reason);

public sealed class RejectTaskInputType : InputObjectGraphType<RejectTaskInput>
{
    public RejectTaskInputType()
    {
        Name = "RejectTaskInput";
        Description = "The completed task to send back, and why.";
        Field<NonNullGraphType<IdGraphType>>("taskId").Description("A COMPLETED task of the caller's family, not assigned to the caller.");
        Field<NonNullGraphType<StringGraphType>>("reason").Description("What still needs doing; shown to the assignee (required, at most 1000 characters).");
    }
}

public sealed class RejectTaskErrorType() : ErrorUnionGraphType(
    "rejectTask",
    typeof(NotFoundErrorType),
    typeof(NotAuthorizedErrorType),
    typeof(ValidationErrorType),
    typeof(InvalidTransitionErrorType),
    typeof(SelfApprovalErrorType));

public sealed class RejectTaskPayloadType() : PayloadGraphType<FamilyTask, TaskGraphType, RejectTaskErrorType>(
    "rejectTask", "task", "The task, now REJECTED; its assignee can start it again.");
public static class RejectTaskMutation
{
    public static void AddRejectTask(this ObjectGraphType mutation) =>
        mutation.AddUseCase<RejectTaskPayloadType, RejectTaskInputType, RejectTask, FamilyTask>(
            "rejectTask",
            "A parent or advisor other than the assignee sends COMPLETED work back with a reason; no points are awarded.",
            UserRole.Parent,
            context =>
            {
                var input = context.Input<RejectTaskInput>();
                return new RejectTask(context.RequireUserId(), GlobalId.Decode(input.TaskId, "Task"), input.Reason);
            });
}
