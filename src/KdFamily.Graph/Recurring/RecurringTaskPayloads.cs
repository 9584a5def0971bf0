using KdFamily.Domain.Recurring;
using KdFamily.Graph.Schema.Errors;

namespace KdFamily.Graph.Recurring;

public sealed class CreateRecurringTaskErrorType() : ErrorUnionGraphType(
    "createRecurringTask", typeof(ValidationErrorType), typeof(NotFoundErrorType), typeof(NotAuthorizedErrorType));

public sealed class UpdateRecurringTaskErrorType() : ErrorUnionGraphType(
    "updateRecurringTask", typeof(ValidationErrorType), typeof(NotFoundErrorType), typeof(NotAuthorizedErrorType));

public sealed class PauseRecurringTaskErrorType() : ErrorUnionGraphType(
    "pauseRecurringTask", typeof(NotFoundErrorType), typeof(NotAuthorizedErrorType));

public sealed class DeleteRecurringTaskErrorType() : ErrorUnionGraphType(
    "deleteRecurringTask", typeof(NotFoundErrorType), typeof(NotAuthorizedErrorType));

public sealed class CreateRecurringTaskPayloadType() : PayloadGraphType<RecurringTaskTemplate, RecurringTaskType, CreateRecurringTaskErrorType>(
    "createRecurringTask", "recurringTask", "The new recurring task; its first instance is created right away.");

public sealed class UpdateRecurringTaskPayloadType() : PayloadGraphType<RecurringTaskTemplate, RecurringTaskType, UpdateRecurringTaskErrorType>(
    "updateRecurringTask", "recurringTask", "The changed recurring task.");

public sealed class PauseRecurringTaskPayloadType() : PayloadGraphType<RecurringTaskTemplate, RecurringTaskType, PauseRecurringTaskErrorType>(
    "pauseRecurringTask", "recurringTask", "The paused or resumed recurring task.");

public sealed class DeleteRecurringTaskPayloadType() : PayloadGraphType<RecurringTaskTemplate, RecurringTaskType, DeleteRecurringTaskErrorType>(
    "deleteRecurringTask", "recurringTask", "The deleted recurring task.");
