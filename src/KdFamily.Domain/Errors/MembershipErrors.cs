namespace KdFamily.Domain.Errors;

/// <summary>Nobody changes their own role (DESIGN §4: nobody raises their own role; lowering it is left to another advisor).</summary>
public sealed record SelfRoleChangeError(string Message) : DomainError("SELF_ROLE_CHANGE", Message);

/// <summary>The change would leave the family without an advisor.</summary>
public sealed record LastAdvisorError(string Message) : DomainError("LAST_ADVISOR", Message);

/// <summary>The family already has a task type with this name.</summary>
public sealed record TaskTypeNameTakenError(string Message) : DomainError("TASK_TYPE_NAME_TAKEN", Message);
