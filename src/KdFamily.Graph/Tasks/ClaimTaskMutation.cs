using GraphQL.Types;
using GraphQLServer.Relay;
using KdFamily.Application.Tasks;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.SchemaRoot;
using KdFamily.Graph.SchemaRoot.Errors;

namespace KdFamily.Graph.Tasks;

public sealed record ClaimTaskInput(string TaskId);

public sealed class ClaimTaskInputType : InputObjectGraphType<ClaimTaskInput>
{
    public ClaimTaskInputType()
    {
        Name = "ClaimTaskInput";
        Description = "The open task to take.";
        Field<NonNullGraphType<IdGraphType>>("taskId").Description("A PENDING, unassigned task of the caller's family.");
    }
}

public sealed class ClaimTaskErrorType() : ErrorUnionGraphType(
    "claimTask", typeof(NotFoundErrorType), typeof(InvalidTransitionErrorType), typeof(AlreadyAssignedErrorType));

public sealed class ClaimTaskPayloadType() : PayloadGraphType<FamilyTask, TaskGraphType, ClaimTaskErrorType>(
    "claimTask", "task", "The task, now assigned to the caller.");
public static class ClaimTaskMutation
{
    public static void AddClaimTask(this ObjectGraphType mutation) =>
        mutation.AddUseCase<ClaimTaskPayloadType, ClaimTaskInputType, ClaimTask, FamilyTask>(
            "claimTask",
            "Takes an open task: it stays PENDING, assigned to the caller. Of concurrent claims exactly one wins; the others get ALREADY_ASSIGNED.",
            UserRole.Member,
            context => new ClaimTask(context.RequireUserId(), GlobalId.Decode(context.Input<ClaimTaskInput>().TaskId, "Task")));
}
