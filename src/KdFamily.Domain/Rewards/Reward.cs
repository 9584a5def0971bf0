using NodaTime;

namespace KdFamily.Domain.Rewards;

/// <summary>Something a family's members can spend their points on (an hour of screen time, a trip to the cinema).</summary>
public sealed class Reward
{
    /// <summary>A new reward with a fresh id.</summary>
    public Reward() => Id = Guid.CreateVersion7();

    /// <summary>A reward read from the database: EF Core binds <paramref name="id"/>, so reading one generates no id.</summary>
    public Reward(Guid id) => Id = id;

    public Guid Id { get; set; }
    public Guid FamilyId { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }

    /// <summary>Points one redemption costs (at least 1).</summary>
    public int Cost { get; set; }

    /// <summary>How many are left; null for unlimited. Redemptions take one, refunds give it back.</summary>
    public int? Stock { get; set; }

    /// <summary>Whether a redemption waits for a parent's decision (REQUESTED) or is APPROVED at once.</summary>
    public bool RequiresApproval { get; set; }

    public Instant CreatedAt { get; set; }
    public Instant UpdatedAt { get; set; }

    /// <summary>When it was archived: no longer offered; its redemptions keep it.</summary>
    public Instant? ArchivedAt { get; set; }

    public bool Archived => ArchivedAt is not null;

    /// <summary>PostgreSQL's xmin, used as an optimistic concurrency token for edits.</summary>
    public uint Version { get; private set; }
}
