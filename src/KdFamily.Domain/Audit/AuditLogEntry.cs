using System.Text.Json;
using NodaTime;

namespace KdFamily.Domain.Audit;

/// <summary>Who did what to whom, when and from where, for security- and points-relevant actions.</summary>
public sealed class AuditLogEntry
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid? FamilyId { get; set; }
    public Guid? ActorId { get; set; }

    /// <summary>E.g. "task.approved", "points.awarded", "auth.login".</summary>
    public required string Action { get; set; }

    public string? TargetType { get; set; }
    public Guid? TargetId { get; set; }
    public JsonDocument? Details { get; set; }
    public string? IpAddress { get; set; }
    public string? UserAgent { get; set; }
    public Instant At { get; set; }
}
