using GraphQLServer.DataLoader;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Graph.Audit;

/// <summary>Audit rows by id, for `node(id:)`; the caller decides who may see them.</summary>
public sealed class AuditLogEntryByIdDataLoader(IDbContextFactory<KdFamilyDbContext> dbFactory) : BatchDataLoader<Guid, AuditLogEntry>
{
    protected override async Task<IReadOnlyDictionary<Guid, AuditLogEntry>> LoadBatchAsync(IReadOnlyList<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AuditLog.AsNoTracking().Where(a => keys.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
    }
}
