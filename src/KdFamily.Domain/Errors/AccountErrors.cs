namespace KdFamily.Domain.Errors;

/// <summary>Another account already uses the e-mail address (addresses are unique across all families).</summary>
public sealed record EmailTakenError(string Message) : DomainError("CONFLICT_EMAIL_TAKEN", Message);

/// <summary>An address-change confirmation token that is unknown, expired or already used, or whose account was removed.</summary>
public sealed record EmailTokenInvalidError(string Message) : DomainError("AUTH_EMAIL_TOKEN_INVALID", Message);
