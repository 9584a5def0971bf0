using GraphQLServer.DataLoader;
using KdFamily.Domain.Data;
using KdFamily.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Graph.Notifications;

/// <summary>Notifications by id. Callers check that the caller is the recipient.</summary>
public sealed class NotificationByIdDataLoader(IDbContextFactory<KdFamilyDbContext> dbFactory) : BatchDataLoader<Guid, Notification>
{
    protected override async Task<IReadOnlyDictionary<Guid, Notification>> LoadBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Notifications.AsNoTracking().Where(n => keys.Contains(n.Id)).ToDictionaryAsync(n => n.Id, cancellationToken);
    }
}

/// <summary>How many unread notifications each user has (0 when none).</summary>
public sealed class UnreadNotificationCountByUserIdDataLoader(IDbContextFactory<KdFamilyDbContext> dbFactory) : BatchDataLoader<Guid, int>
{
    protected override async Task<IReadOnlyDictionary<Guid, int>> LoadBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Notifications.AsNoTracking()
            .Where(n => keys.Contains(n.UserId) && n.ReadAt == null)
            .GroupBy(n => n.UserId)
            .Select(g => new { UserId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.UserId, x => x.Count, cancellationToken);
    }
}
