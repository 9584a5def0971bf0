using KdFamily.Application.Audit;
using KdFamily.Domain.Data;
using KdFamily.Domain.Users;
using KdFamily.Graph.Audit;
using NodaTime;

namespace KdFamily.Graph.Auth;

/// <summary>Audit entries of REST actions on the caller's own account, recorded with the request's IP and user agent.</summary>
internal static class AuthAudit
{
    /// <summary>Adds the entry to the context; it is saved with the caller's next SaveChanges.</summary>
    public static void Record(KdFamilyDbContext db, HttpContext http, Instant at, string action, User? user, object? details = null) =>
        db.AuditLog.Add(AuditTrail.Entry(HttpRequestOrigin.Of(http), at, action, user?.FamilyId, user?.Id, user is null ? null : "User", user?.Id, details));
}
