namespace KdFamily.Domain.Errors;

/// <summary>Nobody changes their own role (DESIGN §4: nobody raises their own role; lowering it is left to another advisor).</summary>
public sealed record SelfRoleChangeError(string Message) : DomainError(ErrorCodes.SelfRoleChange, Message);

/// <summary>The change would leave the family without an advisor.</summary>
public sealed record LastAdvisorError(string Message) : DomainError(ErrorCodes.LastAdvisor, Message);
