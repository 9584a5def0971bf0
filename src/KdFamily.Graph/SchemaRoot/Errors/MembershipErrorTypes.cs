using KdFamily.Domain.Errors;

namespace KdFamily.Graph.SchemaRoot.Errors;

public sealed class SelfRoleChangeErrorType() : DomainErrorGraphType<SelfRoleChangeError>(
    "Nobody can change their own role (code SELF_ROLE_CHANGE).");

public sealed class LastAdvisorErrorType() : DomainErrorGraphType<LastAdvisorError>(
    "The change would leave the family without an advisor (code LAST_ADVISOR).");

public sealed class TaskTypeNameTakenErrorType() : DomainErrorGraphType<TaskTypeNameTakenError>(
    "The family already has a task type with this name (code TASK_TYPE_NAME_TAKEN).");
