using KdFamily.Application.Audit;
using KdFamily.Domain.Data;
using KdFamily.Domain.Users;
using KdFamily.Graph.Audit;
using NodaTime;

namespace KdFamily.Graph.Auth;

/// <summary>Audit actions of the auth facade, recorded with the caller's IP and user agent.</summary>
internal static class AuthAudit
{
    public const string Registered = "auth.registered";
    public const string LoginSucceeded = "auth.login_succeeded";
    public const string LoginFailed = "auth.login_failed";
    public const string RefreshTokenReused = "auth.refresh_token_reused";
    public const string PasswordChanged = "auth.password_changed";
    public const string PasswordResetRequested = "auth.password_reset_requested";
    public const string PasswordReset = "auth.password_reset";

    /// <summary>Adds the entry to the context; it is saved with the caller's next SaveChanges.</summary>
    public static void Record(KdFamilyDbContext db, HttpContext http, Instant at, string action, User? user, object? details = null) =>
        db.AuditLog.Add(AuditTrail.Entry(HttpRequestOrigin.Of(http), at, action, user?.FamilyId, user?.Id, user is null ? null : "User", user?.Id, details));
}
