using System.Text.Json;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Data;
using NodaTime;

namespace KdFamily.Graph.Audit;

/// <summary>Records who did what to whom, with the request's IP and user agent, in the caller's unit of work.</summary>
public sealed class AuditTrail(KdFamilyDbContext db, IHttpContextAccessor httpContextAccessor, IClock clock)
{
    /// <summary>Adds the entry; it is saved with the caller's next SaveChanges, so it commits with the change it describes.</summary>
    public void Record(string action, Guid familyId, Guid actorId, string targetType, Guid targetId, object? details = null)
    {
        var http = httpContextAccessor.HttpContext;
        var userAgent = http?.Request.Headers.UserAgent.ToString();
        db.AuditLog.Add(new AuditLogEntry
        {
            Action = action,
            FamilyId = familyId,
            ActorId = actorId,
            TargetType = targetType,
            TargetId = targetId,
            Details = details is null ? null : JsonSerializer.SerializeToDocument(details),
            IpAddress = http?.Connection.RemoteIpAddress?.ToString(),
            UserAgent = string.IsNullOrEmpty(userAgent) ? null : userAgent[..Math.Min(userAgent.Length, 500)],
            At = clock.GetCurrentInstant(),
        });
    }
}
