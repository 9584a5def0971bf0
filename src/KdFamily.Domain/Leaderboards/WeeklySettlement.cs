using NodaTime;

namespace KdFamily.Domain.Leaderboards;

/// <summary>A family's final standings of one week; unique per family and week.</summary>
public sealed class WeeklySettlement
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid FamilyId { get; set; }

    /// <summary>The Monday that starts the week, in the family's time zone.</summary>
    public LocalDate WeekStart { get; set; }

    public Instant SettledAt { get; set; }
    public List<SettledStanding> Standings { get; set; } = [];
}

public sealed record SettledStanding(Guid UserId, int Rank, int Points);
