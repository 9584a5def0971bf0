using GraphQL;
using GraphQL.Types;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.Schema.Errors;

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
        mutation.AddTaskMutation<CompleteTaskPayloadType, CompleteTaskInputType>(
            "completeTask",
            "The assignee marks IN_PROGRESS work as done: the task becomes COMPLETED until a parent approves or rejects it.",
            UserRole.Member,
            (context, handler) =>
            {
                var input = context.GetArgument<CompleteTaskInput>("input");
                return handler.RunAsync(
                    context.RequireUserId(), input.TaskId, step => step.Task.Complete(step.Actor, input.ActualMinutes, step.Now), null, context.CancellationToken);
            });
}
