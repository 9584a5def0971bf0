using KdFamily.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Domain.Rewards;

/// <summary>
/// A reward's stock, changed by conditional UPDATEs: PostgreSQL locks the row and re-checks the condition after any
/// concurrent change commits, so however many redemptions race for the last one, exactly one gets it.
/// </summary>
public static class RewardStock
{
    /// <summary>Takes one (a no-op on unlimited stock); false when none is left or the reward was archived meanwhile.</summary>
    public static async Task<bool> TakeOneAsync(KdFamilyDbContext db, Guid rewardId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Database.ExecuteSqlAsync(
            $"UPDATE rewards SET stock = stock - 1 WHERE id = {rewardId} AND archived_at IS NULL AND (stock IS NULL OR stock > 0)",
            cancellationToken) == 1;
    }

    /// <summary>Gives one back after a refund (unlimited stock stays unlimited; an archived reward gets it back too).</summary>
    public static async Task ReturnOneAsync(KdFamilyDbContext db, Guid rewardId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.ExecuteSqlAsync($"UPDATE rewards SET stock = stock + 1 WHERE id = {rewardId} AND stock IS NOT NULL", cancellationToken);
    }
}
