using GraphQL.Types;
using KdFamily.Application.Recurring;
using KdFamily.Domain.Recurring;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.SchemaRoot;
using KdFamily.Graph.SchemaRoot.Errors;

namespace KdFamily.Graph.Recurring;

public sealed record PauseRecurringTaskInput(bool Paused, string? RecurringTaskId = null, string? Id = null);

public sealed class PauseRecurringTaskInputType : InputObjectGraphType<PauseRecurringTaskInput>
{
    public PauseRecurringTaskInputType()
    {
        Name = "PauseRecurringTaskInput";
        Description = "Pause or resume a recurring task.";
        this.AddRecurringTaskIdFields();
        Field<NonNullGraphType<BooleanGraphType>>("paused").DefaultValue(true)
            .Description("true pauses (no new instances); false resumes, skipping occurrences that fell into the pause.");
    }
}

public sealed class PauseRecurringTaskErrorType() : ErrorUnionGraphType(
    "pauseRecurringTask", typeof(NotFoundErrorType), typeof(NotAuthorizedErrorType));

public sealed class PauseRecurringTaskPayloadType() : PayloadGraphType<RecurringTaskTemplate, RecurringTaskType, PauseRecurringTaskErrorType>(
    "pauseRecurringTask", "recurringTask", "The paused or resumed recurring task.");

public static class PauseRecurringTaskMutation
{
    public static void AddPauseRecurringTask(this ObjectGraphType mutation) =>
        mutation.AddUseCase<PauseRecurringTaskPayloadType, PauseRecurringTaskInputType, PauseRecurringTask, RecurringTaskTemplate>(
            "pauseRecurringTask",
            "Pauses or resumes a recurring task. Parents and advisors.",
            UserRole.Parent,
            context =>
            {
                var input = context.Input<PauseRecurringTaskInput>();
                return new PauseRecurringTask(context.RequireUserId(), RecurringTaskIdFields.Decode(input.RecurringTaskId, input.Id), input.Paused);
            });
}
