using KdFamily.Domain.Errors;

namespace KdFamily.Application.Auth;

/// <summary>The stable codes of the auth use cases' errors (the REST facade answers them as problem <c>code</c>s).</summary>
public static class AuthErrorCodes
{
    public const string InvalidCredentials = "AUTH_INVALID_CREDENTIALS";
    public const string RefreshTokenInvalid = "AUTH_REFRESH_TOKEN_INVALID";
    public const string RefreshTokenReused = "AUTH_REFRESH_TOKEN_REUSED";
    public const string ResetTokenInvalid = "AUTH_RESET_TOKEN_INVALID";
    public const string UsernameTaken = "CONFLICT_USERNAME_TAKEN";
    public const string EmailTaken = "CONFLICT_EMAIL_TAKEN";
    public const string InviteCodeInvalid = "INVITE_CODE_INVALID";
}

/// <summary>The login or a password is wrong.</summary>
public sealed record InvalidCredentialsError(string Message) : DomainError(AuthErrorCodes.InvalidCredentials, Message);

/// <summary>The refresh token is unknown, expired, or its session has ended.</summary>
public sealed record RefreshTokenInvalidError(string Message) : DomainError(AuthErrorCodes.RefreshTokenInvalid, Message);

/// <summary>The refresh token was already spent: treated as theft, its whole session is revoked.</summary>
public sealed record RefreshTokenReusedError(string Message) : DomainError(AuthErrorCodes.RefreshTokenReused, Message);

/// <summary>The password reset token is unknown, expired or already used.</summary>
public sealed record ResetTokenInvalidError(string Message) : DomainError(AuthErrorCodes.ResetTokenInvalid, Message);

public sealed record UsernameTakenError(string Message) : DomainError(AuthErrorCodes.UsernameTaken, Message);

public sealed record EmailTakenError(string Message) : DomainError(AuthErrorCodes.EmailTaken, Message);

/// <summary>No family has this invite code.</summary>
public sealed record InviteCodeInvalidError(string Message) : DomainError(AuthErrorCodes.InviteCodeInvalid, Message);
