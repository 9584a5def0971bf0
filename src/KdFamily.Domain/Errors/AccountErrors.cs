namespace KdFamily.Domain.Errors;

/// <summary>The login or a password is wrong.</summary>
public sealed record InvalidCredentialsError(string Message) : DomainError(ErrorCodes.InvalidCredentials, Message);

/// <summary>The refresh token is unknown, expired, or its session has ended.</summary>
public sealed record RefreshTokenInvalidError(string Message) : DomainError(ErrorCodes.RefreshTokenInvalid, Message);

/// <summary>The refresh token was already spent: treated as theft, its whole session is revoked.</summary>
public sealed record RefreshTokenReusedError(string Message) : DomainError(ErrorCodes.RefreshTokenReused, Message);

/// <summary>The password reset token is unknown, expired or already used.</summary>
public sealed record ResetTokenInvalidError(string Message) : DomainError(ErrorCodes.ResetTokenInvalid, Message);

/// <summary>Another account already uses the username (usernames are unique across all families).</summary>
public sealed record UsernameTakenError(string Message) : DomainError(ErrorCodes.UsernameTaken, Message);

/// <summary>Another account already uses the e-mail address (addresses are unique across all families).</summary>
public sealed record EmailTakenError(string Message) : DomainError(ErrorCodes.EmailTaken, Message);

/// <summary>An address-change confirmation token that is unknown, expired or already used, or whose account was removed.</summary>
public sealed record EmailTokenInvalidError(string Message) : DomainError(ErrorCodes.EmailTokenInvalid, Message);

/// <summary>No family has this invite code.</summary>
public sealed record InviteCodeInvalidError(string Message) : DomainError(ErrorCodes.InviteCodeInvalid, Message);
