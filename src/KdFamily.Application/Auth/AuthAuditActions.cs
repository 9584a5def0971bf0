namespace KdFamily.Application.Auth;

/// <summary>Audit actions of the auth use cases.</summary>
public static class AuthAuditActions
{
    public const string Registered = "auth.registered";
    public const string LoginSucceeded = "auth.login_succeeded";
    public const string LoginFailed = "auth.login_failed";
    public const string RefreshTokenReused = "auth.refresh_token_reused";
    public const string PasswordChanged = "auth.password_changed";
    public const string PasswordResetRequested = "auth.password_reset_requested";
    public const string PasswordReset = "auth.password_reset";
}
