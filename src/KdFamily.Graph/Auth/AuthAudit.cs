using KdFamily.Application.Audit;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Data;
using KdFamily.Domain.Users;
using KdFamily.Graph.Audit;
using NodaTime;

namespace KdFamily.Graph.Auth;

/// <summary>Records the audit actions of the auth facade (<see cref="AuditActions"/>) with the caller's IP and user agent.</summary>
internal static class AuthAudit
{
    /// <summary>Adds the entry to the context; it is saved with the caller's next SaveChanges.</summary>
    public static void Record(KdFamilyDbContext db, HttpContext http, Instant at, string action, User? user, object? details = null) =>
        db.AuditLog.Add(AuditTrail.Entry(HttpRequestOrigin.Of(http), at, action, user?.FamilyId, user?.Id, user is null ? null : "User", user?.Id, details));
}
