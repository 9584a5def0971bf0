using GraphQLServer.DataLoader;
using KdFamily.Domain.Data;
using KdFamily.Domain.Tasks;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Graph.Tasks;

/// <summary>A file and the family of the (not deleted) task it is attached to.</summary>
public sealed record AttachedFile(TaskAttachment File, Guid FamilyId);

/// <summary>Files by id, for `node(id:)`: one statement per batch, files of deleted tasks left out.</summary>
public sealed class FileByIdDataLoader(IDbContextFactory<KdFamilyDbContext> dbFactory) : BatchDataLoader<Guid, AttachedFile>
{
    protected override async Task<IReadOnlyDictionary<Guid, AttachedFile>> LoadBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.TaskAttachments.AsNoTracking()
            .Where(a => keys.Contains(a.Id))
            .Join(db.Tasks, a => a.TaskId, t => t.Id, (a, t) => new AttachedFile(a, t.FamilyId))
            .ToDictionaryAsync(f => f.File.Id, cancellationToken);
    }
}
