using GraphQL.Types;
using GraphQLServer.Relay;
using KdFamily.Application.Tasks;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.SchemaRoot;
using KdFamily.Graph.SchemaRoot.Errors;

namespace KdFamily.Graph.Tasks;

public sealed record CompleteTaskInput(string TaskId, int? ActualMinutes);

public sealed class CompleteTaskInputType : InputObjectGraphType<CompleteTaskInput>
{
    public CompleteTaskInputType()
    {
        Name = "CompleteTaskInput";
        Description = "The finished task and, optionally, the effort it took.";
        Field<NonNullGraphType<IdGraphType>>("taskId").Description("An IN_PROGRESS task assigned to the caller.");
        Field<IntGraphType>("actualMinutes").Description($"Effort spent, {TaskLimits.MinutesRange}; omit to leave unreported.");
    }
}

public sealed class CompleteTaskErrorType() : ErrorUnionGraphType(
    "completeTask", typeof(NotFoundErrorType), typeof(ValidationErrorType), typeof(InvalidTransitionErrorType), typeof(NotAssigneeErrorType));

public sealed class CompleteTaskPayloadType() : PayloadGraphType<FamilyTask, TaskGraphType, CompleteTaskErrorType>(
    "completeTask", "task", "The task, now COMPLETED and waiting for a parent's review.");
public static class CompleteTaskMutation
{
    public static void AddCompleteTask(this ObjectGraphType mutation) =>
        mutation.AddUseCase<CompleteTaskPayloadType, CompleteTaskInputType, CompleteTask, FamilyTask>(
            "completeTask",
            "The assignee marks IN_PROGRESS work as done: the task becomes COMPLETED until a parent approves or rejects it.",
            UserRole.Member,
            context =>
            {
                var input = context.Input<CompleteTaskInput>();
                return new CompleteTask(context.RequireUserId(), GlobalId.Decode(input.TaskId, "Task"), input.ActualMinutes);
            });
}
