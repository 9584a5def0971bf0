using KdFamily.Domain.Data;
using KdFamily.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace KdFamily.Graph.Families;

/// <summary>
/// Serializes membership changes of one family: the family row is locked (FOR UPDATE) for the transaction, so
/// "at least one advisor" is checked against a count no concurrent demotion or removal can change underneath.
/// </summary>
internal static class FamilyLock
{
    public static async Task<IDbContextTransaction> LockAsync(KdFamilyDbContext db, Guid familyId, CancellationToken cancellationToken)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM families WHERE id = {familyId} FOR UPDATE", cancellationToken);
        return transaction;
    }

    public static Task<int> CountAdvisorsAsync(KdFamilyDbContext db, Guid familyId, CancellationToken cancellationToken) =>
        db.Users.CountAsync(u => u.FamilyId == familyId && u.Role == UserRole.Advisor && u.RemovedAt == null, cancellationToken);
}
