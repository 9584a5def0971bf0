using GraphQL.Types;
using GraphQLServer.Relay;
using KdFamily.Application.Tasks;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.SchemaRoot;
using KdFamily.Graph.SchemaRoot.Errors;

namespace KdFamily.Graph.Tasks;

public sealed record AssignTaskInput(string TaskId, string UserId);

public sealed class AssignTaskInputType : InputObjectGraphType<AssignTaskInput>
{
    public AssignTaskInputType()
    {
        Name = "AssignTaskInput";
        Description = "The task and who should do it.";
        Field<NonNullGraphType<IdGraphType>>("taskId").Description("A PENDING task of the caller's family.");
        Field<NonNullGraphType<IdGraphType>>("userId").Description("A current member of the caller's family.");
    }
}

public sealed class AssignTaskErrorType() : ErrorUnionGraphType(
    "assignTask", typeof(NotFoundErrorType), typeof(NotAuthorizedErrorType), typeof(InvalidTransitionErrorType));

public sealed class AssignTaskPayloadType() : PayloadGraphType<FamilyTask, TaskGraphType, AssignTaskErrorType>(
    "assignTask", "task", "The task with its new assignee.");
public static class AssignTaskMutation
{
    public static void AddAssignTask(this ObjectGraphType mutation) =>
        mutation.AddUseCase<AssignTaskPayloadType, AssignTaskInputType, AssignTask, FamilyTask>(
            "assignTask",
            "Assigns or reassigns a PENDING task to a member of the family, who is notified.",
            UserRole.Parent,
            context =>
            {
                var input = context.Input<AssignTaskInput>();
                return new AssignTask(context.RequireUserId(), GlobalId.Decode(input.TaskId, "Task"), GlobalId.Decode(input.UserId, "User"));
            });
}
