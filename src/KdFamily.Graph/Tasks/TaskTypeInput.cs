using GraphQLServer.Relay;

namespace KdFamily.Graph.Tasks;

/// <summary>The `taskTypeId` of the task inputs.</summary>
public static class TaskTypeInput
{
    /// <summary>
    /// The task type's GUID; null when none was given. An ID that is not a task type's becomes <see cref="Guid.Empty"/>,
    /// which no task type has, so the use case answers NOT_FOUND for it instead of treating it as "none".
    /// </summary>
    public static Guid? Decode(string? taskTypeId) =>
        taskTypeId is null ? null : GlobalId.Decode(taskTypeId, "TaskType") ?? Guid.Empty;
}
