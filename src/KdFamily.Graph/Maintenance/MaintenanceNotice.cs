namespace KdFamily.Graph.Maintenance;

/// <summary>A system-wide maintenance announcement (published as is: it is not stored).</summary>
public sealed record MaintenanceNotice(string Message, DateTimeOffset StartsAt, DateTimeOffset? EndsAt);
