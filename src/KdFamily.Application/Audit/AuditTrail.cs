using System.Text.Json;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Data;
using KdFamily.Domain.Users;
using NodaTime;

namespace KdFamily.Application.Audit;

/// <summary>
/// Records who did what to whom, with the request's IP and user agent, in a unit of work: stamped with the unit's time,
/// so an audit row and the transitions, ledger rows and sessions of the same change agree.
/// </summary>
public sealed class AuditTrail(KdFamilyDbContext db, IRequestOrigin origin, Instant at)
{
    /// <summary>Adds the entry; it is saved with the caller's next SaveChanges, so it commits with the change it describes.</summary>
    public void Record(string action, Guid familyId, Guid actorId, string targetType, Guid targetId, object? details = null) =>
        db.AuditLog.Add(Entry(origin, at, action, familyId, actorId, targetType, targetId, details));

    /// <summary>
    /// An action of <paramref name="user"/> on their own account (sign-in, password); without a user when the attempt
    /// named nobody.
    /// </summary>
    public void RecordAccount(string action, User? user, object? details = null) =>
        db.AuditLog.Add(Entry(origin, at, action, user?.FamilyId, user?.Id, user is null ? null : "User", user?.Id, details));

    /// <summary>An audit row of <paramref name="origin"/> (which bounds what it reports of the client).</summary>
    public static AuditLogEntry Entry(
        IRequestOrigin origin, Instant at, string action, Guid? familyId, Guid? actorId, string? targetType, Guid? targetId, object? details)
    {
        ArgumentNullException.ThrowIfNull(origin);
        return new AuditLogEntry
        {
            Action = action,
            FamilyId = familyId,
            ActorId = actorId,
            TargetType = targetType,
            TargetId = targetId,
            Details = details is null ? null : JsonSerializer.SerializeToDocument(details),
            IpAddress = origin.IpAddress,
            UserAgent = origin.UserAgent,
            At = at,
        };
    }
}
