using GraphQLServer.DataLoader;
using KdFamily.Domain.Data;
using KdFamily.Domain.Leaderboards;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Graph.Leaderboards;

/// <summary>The latest <see cref="WeeklyHistoryKey.Last"/> settlements of each family, newest first, in one statement.</summary>
public sealed record WeeklyHistoryKey(Guid FamilyId, int Last);

public sealed class WeeklySettlementsByFamilyIdDataLoader(IDbContextFactory<KdFamilyDbContext> dbFactory)
    : BatchDataLoader<WeeklyHistoryKey, IReadOnlyList<WeeklySettlement>>
{
    public const int MaxLast = 104;

    protected override async Task<IReadOnlyDictionary<WeeklyHistoryKey, IReadOnlyList<WeeklySettlement>>> LoadBatchAsync(
        IReadOnlyList<WeeklyHistoryKey> keys, CancellationToken cancellationToken)
    {
        var familyIds = keys.Select(k => k.FamilyId).Distinct().ToList();
        var limit = keys.Max(k => k.Last);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.WeeklySettlements.AsNoTracking()
            .Where(s => familyIds.Contains(s.FamilyId)
                && db.WeeklySettlements.Count(newer => newer.FamilyId == s.FamilyId && newer.WeekStart > s.WeekStart) < limit)
            .ToListAsync(cancellationToken);
        var byFamily = rows.ToLookup(s => s.FamilyId);
        return keys.Distinct().ToDictionary(
            k => k,
            k => (IReadOnlyList<WeeklySettlement>)[.. byFamily[k.FamilyId].OrderByDescending(s => s.WeekStart).Take(k.Last)]);
    }
}
