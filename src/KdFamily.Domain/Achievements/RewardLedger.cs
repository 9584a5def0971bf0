using KdFamily.Domain.Data;
using KdFamily.Domain.Points;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace KdFamily.Domain.Achievements;

/// <summary>
/// The minimal ledger write achievements need until the shared <c>PointsLedger</c> is merged (then this class goes and
/// the evaluator calls it): under the user's transaction-scoped advisory lock, the balance is the latest row's
/// <c>BalanceAfter</c>, and a row whose idempotency key exists already is not written again.
/// </summary>
internal static class RewardLedger
{
    /// <summary>Serializes every ledger write of one user until the current transaction ends.</summary>
    public static Task LockUserAsync(KdFamilyDbContext db, Guid userId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({userId}::text))", cancellationToken);

    /// <returns>The new row, or null when the idempotency key was used before. Call inside a transaction holding <see cref="LockUserAsync"/>.</returns>
    public static async Task<PointsTransaction?> AppendOnceAsync(
        KdFamilyDbContext db, Guid familyId, Guid userId, int delta, string reason, string bonusType, string idempotencyKey, Instant now,
        CancellationToken cancellationToken)
    {
        if (await db.PointsHistory.AnyAsync(p => p.IdempotencyKey == idempotencyKey, cancellationToken))
        {
            return null;
        }

        var balance = await db.PointsHistory.Where(p => p.UserId == userId)
            .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
            .Select(p => (int?)p.BalanceAfter)
            .FirstOrDefaultAsync(cancellationToken) ?? 0;
        var row = new PointsTransaction
        {
            FamilyId = familyId,
            UserId = userId,
            Delta = delta,
            BalanceAfter = balance + delta,
            Reason = reason,
            BonusType = bonusType,
            IdempotencyKey = idempotencyKey,
            CreatedAt = now,
        };
        db.PointsHistory.Add(row);
        await db.SaveChangesAsync(cancellationToken); // the next append in this transaction must see this row's balance
        return row;
    }
}
