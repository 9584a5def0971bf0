using KdFamily.Domain.Users;
using NodaTime;

namespace KdFamily.Domain.Away;

/// <summary>
/// Days (family time zone, both ends included) on which a member is away: their streak neither counts nor breaks on them
/// and recurring work due then is left open for others. Periods are kept once past, because streaks are recomputed from
/// history (who set or cleared one is in the audit log); a member has at most one period that has not ended yet (see <see cref="AwayMode"/>).
/// </summary>
public sealed class AwayPeriod
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public Guid FamilyId { get; set; }
    public LocalDate From { get; set; }
    public LocalDate Until { get; set; }
    public Instant CreatedAt { get; set; }

    public DateInterval Dates => new(From, Until);

    /// <summary>Whether the member is away on <paramref name="date"/> (a local date of the family's zone).</summary>
    public bool Covers(LocalDate date) => From <= date && date <= Until;

    public static AwayPeriod Create(User member, LocalDate from, LocalDate until, Instant now)
    {
        ArgumentNullException.ThrowIfNull(member);
        return new AwayPeriod { UserId = member.Id, FamilyId = member.FamilyId, From = from, Until = until, CreatedAt = now };
    }
}
