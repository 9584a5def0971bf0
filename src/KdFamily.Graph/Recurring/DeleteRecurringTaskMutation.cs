using GraphQL.Types;
using KdFamily.Application.Recurring;
using KdFamily.Domain.Recurring;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.SchemaRoot;
using KdFamily.Graph.SchemaRoot.Errors;

namespace KdFamily.Graph.Recurring;

public sealed record DeleteRecurringTaskInput(string? RecurringTaskId = null, string? Id = null);

public sealed class DeleteRecurringTaskInputType : InputObjectGraphType<DeleteRecurringTaskInput>
{
    public DeleteRecurringTaskInputType()
    {
        Name = "DeleteRecurringTaskInput";
        Description = "The recurring task to delete; instances created already stay as ordinary tasks.";
        this.AddRecurringTaskIdFields();
    }
}

public sealed class DeleteRecurringTaskErrorType() : ErrorUnionGraphType(
    "deleteRecurringTask", typeof(NotFoundErrorType), typeof(NotAuthorizedErrorType));

public sealed class DeleteRecurringTaskPayloadType() : PayloadGraphType<RecurringTaskTemplate, RecurringTaskType, DeleteRecurringTaskErrorType>(
    "deleteRecurringTask", "recurringTask", "The deleted recurring task.");

public static class DeleteRecurringTaskMutation
{
    public static void AddDeleteRecurringTask(this ObjectGraphType mutation) =>
        mutation.AddUseCase<DeleteRecurringTaskPayloadType, DeleteRecurringTaskInputType, DeleteRecurringTask, RecurringTaskTemplate>(
            "deleteRecurringTask",
            "Deletes a recurring task: no further instances. Parents and advisors.",
            UserRole.Parent,
            context =>
            {
                var input = context.Input<DeleteRecurringTaskInput>();
                return new DeleteRecurringTask(context.RequireUserId(), RecurringTaskIdFields.Decode(input.RecurringTaskId, input.Id));
            });
}
