namespace KdFamily.Domain.Leaderboards;

/// <summary>One row of a ranking.</summary>
public sealed record Ranked<T>(int Rank, T Item, int Score);

/// <summary>
/// Standard competition ranking ("1224"): equal scores share a rank and the next rank skips, e.g. 1, 1, 3.
/// Rows are ordered by score (highest first), ties by name (case-insensitive, then ordinal for a stable order).
/// </summary>
public static class CompetitionRanking
{
    public static IReadOnlyList<Ranked<T>> Rank<T>(IEnumerable<T> items, Func<T, int> score, Func<T, string> name)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(score);
        ArgumentNullException.ThrowIfNull(name);
        var ordered = items
            .Select(item => (Item: item, Score: score(item), Name: name(item)))
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(x => x.Name, StringComparer.Ordinal)
            .ToList();

        var result = new List<Ranked<T>>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var rank = i > 0 && ordered[i].Score == ordered[i - 1].Score ? result[i - 1].Rank : i + 1;
            result.Add(new Ranked<T>(rank, ordered[i].Item, ordered[i].Score));
        }

        return result;
    }
}
