namespace KdFamily.Graph.LiveUpdates;

// Subscription events carry IDs only: each subscriber reloads the object (through DataLoaders, in a fresh scope), so
// what it receives is current, checked against its family, and never a stale copy serialized by the publisher.

/// <summary>
/// An event of one publish. <see cref="EventId"/> is minted once per publish (one committed unit of work, see
/// <see cref="FamilyEventOutbox"/>): all its events describe the same committed state, so every subscriber of one
/// family (or user) in a process loads their data once, through the same loaders (SharedEventLoads). Guid.Empty (a
/// publisher that sets none) shares nothing.
/// </summary>
public interface ILiveEvent
{
    Guid EventId { get; }
}

/// <summary>A task of <paramref name="FamilyId"/> was created or changed.</summary>
public sealed record TaskEvent(Guid TaskId, Guid FamilyId, Guid EventId) : ILiveEvent;

/// <summary>A ledger row was written.</summary>
public sealed record PointsEvent(Guid TransactionId, Guid FamilyId, Guid EventId) : ILiveEvent;

/// <summary>The family's ledger changed, so its standings may have.</summary>
public sealed record LeaderboardEvent(Guid FamilyId, Guid EventId) : ILiveEvent;

/// <summary>A member joined the family.</summary>
public sealed record MemberEvent(Guid UserId, Guid FamilyId, Guid EventId) : ILiveEvent;

/// <summary>A member unlocked an achievement.</summary>
public sealed record AchievementEvent(Guid UserId, Guid AchievementId, Guid FamilyId, Guid EventId) : ILiveEvent;

/// <summary>A redemption of <paramref name="FamilyId"/> was requested or changed status.</summary>
public sealed record RedemptionEvent(Guid RedemptionId, Guid FamilyId, Guid EventId) : ILiveEvent;

/// <summary>A notification was persisted for <paramref name="UserId"/>.</summary>
public sealed record NotificationEvent(Guid NotificationId, Guid UserId, Guid EventId) : ILiveEvent;
