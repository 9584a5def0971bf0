using KdFamily.Domain.Errors;
using KdFamily.Graph.SchemaRoot.Errors;

namespace KdFamily.Graph.TaskTypes;

public sealed class TaskTypeNameTakenErrorType() : DomainErrorGraphType<TaskTypeNameTakenError>(
    "The family already has a task type with this name (code TASK_TYPE_NAME_TAKEN).");
