using GraphQLServer.DataLoader;
using KdFamily.Domain.Data;
using KdFamily.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Graph.Users;

/// <summary>A family's current members (not removed), by full name; primes <see cref="UserByIdDataLoader"/>.</summary>
public sealed class MembersByFamilyIdDataLoader(IDbContextFactory<KdFamilyDbContext> dbFactory, DataLoaderContext loaders)
    : GroupedDataLoader<Guid, User>
{
    protected override async Task<ILookup<Guid, User>> LoadGroupedBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var members = await db.Users.AsNoTracking()
            .Where(u => keys.Contains(u.FamilyId) && u.RemovedAt == null)
            .OrderBy(u => u.FullName).ThenBy(u => u.Id)
            .ToListAsync(cancellationToken);
        var byId = loaders.GetLoader<UserByIdDataLoader>();
        foreach (var member in members)
        {
            byId.Prime(member.Id, member);
        }

        return members.ToLookup(u => u.FamilyId);
    }
}
