using NodaTime;

namespace KdFamily.Domain.Points;

/// <summary>
/// A row of the points ledger (points_history). Balances are derived from these rows only:
/// <see cref="BalanceAfter"/> is the user's running sum including this row.
/// </summary>
public sealed class PointsTransaction
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>
    /// Strictly increasing, assigned by the database on insert (identity). Ledger order is
    /// (<see cref="CreatedAt"/>, <see cref="Sequence"/>): unambiguous even when rows share a timestamp.
    /// </summary>
    public long Sequence { get; internal set; }

    public Guid FamilyId { get; set; }
    public Guid UserId { get; set; }
    public int Delta { get; set; }
    public int BalanceAfter { get; set; }
    public required string Reason { get; set; }
    public decimal Multiplier { get; set; } = 1m;

    /// <summary>What the change is for: one of <see cref="PointsChangeKinds"/>.</summary>
    public required string BonusType { get; set; }

    public Guid? AwardedById { get; set; }
    public Guid? TaskId { get; set; }

    /// <summary>Unique: the same logical award (e.g. "task:{id}:approval") can be written once only.</summary>
    public required string IdempotencyKey { get; set; }

    public Instant CreatedAt { get; set; }
}
