using NodaTime;

namespace KdFamily.Domain.Streaks;

/// <summary>A user's streaks in days.</summary>
public readonly record struct Streak(int Current, int Longest)
{
    public static Streak None => default;
}

/// <summary>
/// Streaks from the local dates (family time zone) on which the user completed at least one task that was
/// later approved. The current streak is the run of consecutive days ending today or, if today has no such
/// task yet, yesterday; the longest streak is the longest run ever.
/// </summary>
public static class StreakCalculator
{
    public static Streak Calculate(IEnumerable<LocalDate> completionDates, LocalDate today)
    {
        ArgumentNullException.ThrowIfNull(completionDates);
        var days = completionDates.Where(d => d <= today).ToHashSet();
        if (days.Count == 0)
        {
            return Streak.None;
        }

        var longest = 0;
        foreach (var day in days)
        {
            if (days.Contains(day.PlusDays(-1)))
            {
                continue; // not the first day of a run
            }

            var length = RunLength(days, day, step: 1);
            longest = Math.Max(longest, length);
        }

        var end = days.Contains(today) ? today : today.PlusDays(-1);
        return new Streak(RunLength(days, end, step: -1), longest);
    }

    private static int RunLength(HashSet<LocalDate> days, LocalDate from, int step)
    {
        var length = 0;
        for (var day = from; days.Contains(day); day = day.PlusDays(step))
        {
            length++;
        }

        return length;
    }
}
