using GraphQLServer.DataLoader;
using KdFamily.Domain.Data;
using KdFamily.Domain.Tasks;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Graph.Tasks;

public sealed class AttachmentsByTaskIdDataLoader(IDbContextFactory<KdFamilyDbContext> dbFactory) : GroupedDataLoader<Guid, TaskAttachment>
{
    protected override async Task<ILookup<Guid, TaskAttachment>> LoadGroupedBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var attachments = await db.TaskAttachments.AsNoTracking()
            .Where(a => keys.Contains(a.TaskId))
            .OrderBy(a => a.CreatedAt).ThenBy(a => a.Id)
            .ToListAsync(cancellationToken);
        return attachments.ToLookup(a => a.TaskId);
    }
}
