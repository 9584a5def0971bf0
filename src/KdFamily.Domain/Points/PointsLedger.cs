using KdFamily.Domain.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace KdFamily.Domain.Points;

/// <summary>One change of a member's points, before the ledger gives it its balance.</summary>
public sealed record LedgerEntry(
    int Delta,
    string Reason,
    string BonusType,
    string IdempotencyKey,
    Guid? AwardedById = null,
    Guid? TaskId = null,
    decimal Multiplier = 1m);

/// <summary>
/// Appends rows to points_history with a correct running balance under concurrency. Appends for one user are
/// serialized by a transaction-scoped advisory lock, so "read the latest balance, add the delta, insert" cannot
/// interleave with another append for that user on any API instance. Each logical award carries an idempotency key
/// (unique): writing the same award twice fails with a unique violation instead of paying twice.
/// </summary>
public sealed class PointsLedger(KdFamilyDbContext db, IClock clock)
{
    /// <summary>Advisory-lock namespace (first key of the two-key lock) for per-user ledger appends: "KDPT".</summary>
    private const int LockNamespace = 0x4B44_5054;

    public static string ApprovalKey(Guid taskId) => $"task:{taskId}:approval";

    public static string BonusKey(Guid taskId) => $"task:{taskId}:bonus";

    public static string AchievementKey(Guid achievementId, Guid userId) => $"achievement:{achievementId}:{userId}";

    public static string RedemptionKey(Guid redemptionId) => $"redemption:{redemptionId}";

    public static string RedemptionRefundKey(Guid redemptionId) => $"redemption:{redemptionId}:refund";

    /// <summary>
    /// Takes the user's ledger lock and reads their balance: until the transaction ends no other append for the user can
    /// run, so a decision on this balance (can they afford a reward?) and the row it leads to are atomic.
    /// </summary>
    public async Task<int> LockedBalanceAsync(Guid userId, CancellationToken cancellationToken)
    {
        await LockUserAsync(db, userId, cancellationToken);
        return await db.PointsHistory.AsNoTracking()
            .Where(p => p.UserId == userId)
            .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Sequence)
            .Select(p => (int?)p.BalanceAfter)
            .FirstOrDefaultAsync(cancellationToken) ?? 0;
    }

    /// <summary>
    /// Writes <paramref name="entries"/> for one user, in order, inside the caller's open transaction. Rows are
    /// inserted immediately (with whatever else the context has pending) so each gets its sequence in ledger order;
    /// the lock is held until the caller commits or rolls back.
    /// </summary>
    public Task<IReadOnlyList<PointsTransaction>> AppendAsync(
        Guid familyId, Guid userId, IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken) =>
        AppendAsync(db, clock.GetCurrentInstant(), familyId, userId, entries, cancellationToken);

    /// <summary>Takes the user's ledger lock for the rest of the current transaction (re-entrant within it).</summary>
    public static async Task LockUserAsync(KdFamilyDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Ledger appends must run inside a transaction: the per-user lock lasts until it ends.");
        }

        var userKey = userId.ToString("N");
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockNamespace}, hashtext({userKey}))", cancellationToken);
    }

    /// <summary>As the instance method, for callers that bring their own context and time (jobs, the achievement evaluator).</summary>
    public static async Task<IReadOnlyList<PointsTransaction>> AppendAsync(
        KdFamilyDbContext db, Instant now, Guid familyId, Guid userId, IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entries);
        await LockUserAsync(db, userId, cancellationToken);
        var last = await db.PointsHistory.AsNoTracking()
            .Where(p => p.UserId == userId)
            .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Sequence)
            .Select(p => new { p.BalanceAfter, p.CreatedAt })
            .FirstOrDefaultAsync(cancellationToken);

        var balance = last?.BalanceAfter ?? 0;

        // Never before the previous row, so (created_at, sequence) order stays the order of appends even if clocks of
        // two API instances disagree.
        var at = last is not null && last.CreatedAt > now ? last.CreatedAt : now;
        var rows = new List<PointsTransaction>(entries.Count);
        foreach (var entry in entries)
        {
            balance = checked(balance + entry.Delta);
            if (entry.BonusType == PointsChangeKinds.Redemption && balance < 0)
            {
                // The redemption use case checks the balance under this lock first: getting here is a bug, not a race.
                throw new InvalidOperationException("A redemption may not take a balance below zero; check LockedBalanceAsync first.");
            }

            var row = new PointsTransaction
            {
                FamilyId = familyId,
                UserId = userId,
                Delta = entry.Delta,
                BalanceAfter = balance,
                Reason = entry.Reason,
                BonusType = entry.BonusType,
                Multiplier = entry.Multiplier,
                AwardedById = entry.AwardedById,
                TaskId = entry.TaskId,
                IdempotencyKey = entry.IdempotencyKey,
                CreatedAt = at,
            };
            db.PointsHistory.Add(row);
            await db.SaveChangesAsync(cancellationToken);
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Whether <paramref name="exception"/> is the unique violation of the idempotency key: the award already happened.</summary>
    public static bool IsDuplicateAward(DbUpdateException exception) => UniqueViolation.ConstraintOf(exception) == IdempotencyKeyIndex;

    /// <summary>The unique index on the idempotency key: violating it means the award was already made.</summary>
    public const string IdempotencyKeyIndex = "ix_points_history_idempotency_key";
}
