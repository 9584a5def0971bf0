using GraphQLServer.DataLoader;
using KdFamily.Domain.Data;
using KdFamily.Domain.Rewards;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Graph.Rewards;

/// <summary>Which rewards of a family to list: the live ones, or those and the most recently archived.</summary>
public readonly record struct FamilyRewardsKey(Guid FamilyId, bool IncludeArchived);

/// <summary>
/// A family's live rewards by name (at most <see cref="RewardLimits.MaxLiveRewards"/>), then, when asked, its most
/// recently archived ones (at most <see cref="RewardLimits.MaxArchivedListed"/>); primes <see cref="RewardByIdDataLoader"/>.
/// </summary>
public sealed class RewardsByFamilyIdDataLoader(IDbContextFactory<KdFamilyDbContext> dbFactory, DataLoaderContext loaders)
    : BatchDataLoader<FamilyRewardsKey, IReadOnlyList<Reward>>
{
    protected override async Task<IReadOnlyDictionary<FamilyRewardsKey, IReadOnlyList<Reward>>> LoadBatchAsync(
        IReadOnlyList<FamilyRewardsKey> keys, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var familyIds = keys.Select(k => k.FamilyId).Distinct().ToList();
        var live = await db.Rewards.AsNoTracking()
            .Where(r => familyIds.Contains(r.FamilyId) && r.ArchivedAt == null)
            .OrderBy(r => r.Name).ThenBy(r => r.Id)
            .ToListAsync(cancellationToken);
        var archivedFamilies = keys.Where(k => k.IncludeArchived).Select(k => k.FamilyId).Distinct().ToList();
        var archived = archivedFamilies.Count == 0
            ? []
            : await db.Rewards.AsNoTracking()
                .Where(r => archivedFamilies.Contains(r.FamilyId) && r.ArchivedAt != null)
                .OrderByDescending(r => r.ArchivedAt).ThenBy(r => r.Id)
                .ToListAsync(cancellationToken);
        var byId = loaders.GetLoader<RewardByIdDataLoader>();
        foreach (var reward in live.Concat(archived))
        {
            byId.Prime(reward.Id, reward);
        }

        return keys.Distinct().ToDictionary(k => k, k => (IReadOnlyList<Reward>)
        [
            .. live.Where(r => r.FamilyId == k.FamilyId).Take(RewardLimits.MaxLiveRewards),
            .. k.IncludeArchived ? archived.Where(r => r.FamilyId == k.FamilyId).Take(RewardLimits.MaxArchivedListed) : [],
        ]);
    }
}
