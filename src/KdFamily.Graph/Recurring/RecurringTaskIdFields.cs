using GraphQL;
using GraphQL.Types;
using GraphQLServer.Relay;
using GraphQLServer.Validation;

namespace KdFamily.Graph.Recurring;

/// <summary>
/// `recurringTaskId` in the recurring inputs, named like `taskId` and `taskTypeId` elsewhere; the old `id` still works
/// (deprecated). Exactly one of them must be given.
/// </summary>
public static class RecurringTaskIdFields
{
    public static void AddRecurringTaskIdFields<TSource>(this InputObjectGraphType<TSource> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        input.Field<IdGraphType>("recurringTaskId").Description("The recurring task (give this or the deprecated `id`, not both).");
        input.Field<IdGraphType>("id").Description("Deprecated: use `recurringTaskId`.").DeprecationReason("Use `recurringTaskId`.");
    }

    /// <summary>The template's GUID (null for a malformed ID: not found); a VALIDATION_ERROR when neither or both are given.</summary>
    public static Guid? Decode(string? recurringTaskId, string? id)
    {
        if ((recurringTaskId is null) == (id is null))
        {
            var error = new ExecutionError("Give the recurring task as `recurringTaskId` (or the deprecated `id`), exactly once.")
            {
                Code = InputValueError.ValidationCode,
            };
            error.Data["field"] = "input.recurringTaskId";
            throw error;
        }

        return GlobalId.Decode(recurringTaskId ?? id, "RecurringTask");
    }
}
