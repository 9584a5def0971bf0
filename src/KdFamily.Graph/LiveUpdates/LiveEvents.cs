namespace KdFamily.Graph.LiveUpdates;

// Subscription events carry IDs only: each subscriber reloads the object (through DataLoaders, in a fresh scope), so
// what it receives is current, checked against its family, and never a stale copy serialized by the publisher.

/// <summary>A task of <paramref name="FamilyId"/> was created or changed.</summary>
public sealed record TaskEvent(Guid TaskId, Guid FamilyId);

/// <summary>A ledger row was written.</summary>
public sealed record PointsEvent(Guid TransactionId, Guid FamilyId);

/// <summary>
/// The family's ledger changed, so its standings may have. <paramref name="EventId"/> is minted once per publish so
/// that all subscribers of the family in one process can share one load of the standings.
/// </summary>
public sealed record LeaderboardEvent(Guid FamilyId, Guid EventId);

/// <summary>A member joined the family.</summary>
public sealed record MemberEvent(Guid UserId, Guid FamilyId);

/// <summary>A member unlocked an achievement.</summary>
public sealed record AchievementEvent(Guid UserId, Guid AchievementId, Guid FamilyId);

/// <summary>A notification was persisted for <paramref name="UserId"/>.</summary>
public sealed record NotificationEvent(Guid NotificationId, Guid UserId);
