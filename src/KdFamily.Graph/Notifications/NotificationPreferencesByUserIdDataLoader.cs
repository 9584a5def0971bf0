using GraphQLServer.DataLoader;
using KdFamily.Domain.Data;
using KdFamily.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Graph.Notifications;

/// <summary>Stored notification preferences by user; a user who never chose has none (the caller applies the defaults).</summary>
public sealed class NotificationPreferencesByUserIdDataLoader(IDbContextFactory<KdFamilyDbContext> dbFactory) : BatchDataLoader<Guid, NotificationPreferences>
{
    protected override async Task<IReadOnlyDictionary<Guid, NotificationPreferences>> LoadBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.NotificationPreferences.AsNoTracking().Where(p => keys.Contains(p.UserId)).ToDictionaryAsync(p => p.UserId, cancellationToken);
    }
}
