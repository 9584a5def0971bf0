using System.Runtime.CompilerServices;
using KdFamily.Domain.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Npgsql;

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
    /// <remarks>One round trip: the read follows the lock in one batch, so its snapshot is taken once the lock is granted.</remarks>
    public async Task<int> LockedBalanceAsync(Guid userId, CancellationToken cancellationToken)
    {
        var batch = new TransactionBatch(db);
        LockUser(batch, userId);
        var balance = 0;
        batch.Add(BalanceSql, reader => balance = reader.GetInt32(0), new NpgsqlParameter<Guid> { TypedValue = userId });
        await batch.RunAsync(cancellationToken);
        return balance;
    }

    /// <summary>
    /// Writes <paramref name="entries"/> for one user, in order, inside the caller's open transaction. Rows are
    /// inserted immediately (after whatever else the context has pending) so each gets its sequence in ledger order;
    /// the lock is held until the caller commits or rolls back. The rows are not tracked by the context.
    /// </summary>
    public Task<IReadOnlyList<PointsTransaction>> AppendAsync(
        Guid familyId, Guid userId, IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken) =>
        AppendAsync(db, clock.GetCurrentInstant(), familyId, userId, entries, cancellationToken);

    /// <summary>As <see cref="AppendAsync(Guid, Guid, IReadOnlyList{LedgerEntry}, CancellationToken)"/>, sent with the other statements of <paramref name="batch"/>.</summary>
    public IReadOnlyList<PointsTransaction> Append(TransactionBatch batch, Guid familyId, Guid userId, IReadOnlyList<LedgerEntry> entries) =>
        Append(batch, clock.GetCurrentInstant(), familyId, userId, entries);

    /// <summary>
    /// Adds the user's ledger lock to <paramref name="batch"/>, unless its transaction holds the lock already: held for
    /// the rest of the transaction, and what the unit of work added to the context before is saved first, as for an append.
    /// </summary>
    public static void LockUser(TransactionBatch batch, Guid userId)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var held = LocksHeldIn(batch.Db);
        if (!held.Users.Contains(userId))
        {
            // Held once granted: a batch that never runs, or fails, leaves the lock to the next append.
            batch.AddOnce(
                (LockNamespace, userId),
                "SELECT pg_advisory_xact_lock($1, hashtext($2))",
                _ => held.Users.Add(userId),
                new NpgsqlParameter<int> { TypedValue = LockNamespace },
                new NpgsqlParameter<string> { TypedValue = userId.ToString("N") });
        }
    }

    /// <summary>As the instance method, for callers that bring their own context and time (jobs, the achievement evaluator).</summary>
    public static async Task<IReadOnlyList<PointsTransaction>> AppendAsync(
        KdFamilyDbContext db, Instant now, Guid familyId, Guid userId, IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken)
    {
        var batch = new TransactionBatch(db);
        var rows = Append(batch, now, familyId, userId, entries);
        await batch.RunAsync(cancellationToken);
        return rows;
    }

    /// <summary>
    /// Adds the append of <paramref name="entries"/> to <paramref name="batch"/>: the rows exist (with their ids) at
    /// once, and get their sequence, balance and time when the batch runs.
    /// </summary>
    /// <remarks>
    /// The lock (unless this transaction holds it already), then per entry an INSERT that reads the user's latest row
    /// itself. The statements run in order and, under READ COMMITTED, each takes its snapshot when it starts: after the
    /// lock is granted and after the entry before it, so every balance is the running sum.
    /// </remarks>
    public static IReadOnlyList<PointsTransaction> Append(
        TransactionBatch batch, Instant now, Guid familyId, Guid userId, IReadOnlyList<LedgerEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(entries);
        LockUser(batch, userId);
        var rows = new List<PointsTransaction>(entries.Count);
        foreach (var entry in entries)
        {
            var row = new PointsTransaction
            {
                FamilyId = familyId,
                UserId = userId,
                Delta = entry.Delta,
                Reason = entry.Reason,
                BonusType = entry.BonusType,
                Multiplier = entry.Multiplier,
                AwardedById = entry.AwardedById,
                TaskId = entry.TaskId,
                IdempotencyKey = entry.IdempotencyKey,
                CreatedAt = now,
            };
            batch.Add(InsertSql, reader =>
            {
                row.Sequence = reader.GetInt64(0);
                row.BalanceAfter = reader.GetInt32(1);
                row.CreatedAt = reader.GetFieldValue<Instant>(2);
            }, InsertParameters(row));
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>The user's balance: their latest row's, in the order the ledger appends in (<see cref="InsertSql"/>).</summary>
    private const string BalanceSql = "SELECT balance_after FROM points_history WHERE user_id = $1 ORDER BY created_at DESC, sequence DESC LIMIT 1";

    /// <summary>
    /// One ledger row: its balance is the user's latest plus its delta, and its time is never before the latest row's,
    /// so (created_at, sequence) order stays the order of appends even if clocks of two API instances disagree. A
    /// redemption below zero is refused by the table's check constraint (the use case checks the balance first).
    /// </summary>
    private const string InsertSql = """
        INSERT INTO points_history (id, family_id, user_id, delta, balance_after, reason, bonus_type, multiplier, awarded_by_id, task_id, idempotency_key, created_at)
        SELECT $1, $2, $3, $4, COALESCE(last.balance_after, 0) + $4, $5, $6, $7, $8, $9, $10, GREATEST($11, last.created_at)
        FROM (SELECT 1) AS one
        LEFT JOIN LATERAL (
            SELECT balance_after, created_at FROM points_history WHERE user_id = $3 ORDER BY created_at DESC, sequence DESC LIMIT 1
        ) AS last ON true
        RETURNING sequence, balance_after, created_at
        """;

    private static NpgsqlParameter[] InsertParameters(PointsTransaction row) =>
    [
        new NpgsqlParameter<Guid> { TypedValue = row.Id },
        new NpgsqlParameter<Guid> { TypedValue = row.FamilyId },
        new NpgsqlParameter<Guid> { TypedValue = row.UserId },
        new NpgsqlParameter<int> { TypedValue = row.Delta },
        new NpgsqlParameter<string> { TypedValue = row.Reason },
        new NpgsqlParameter<string> { TypedValue = row.BonusType },
        new NpgsqlParameter<decimal> { TypedValue = row.Multiplier },
        OptionalId(row.AwardedById),
        OptionalId(row.TaskId),
        new NpgsqlParameter<string> { TypedValue = row.IdempotencyKey },
        new NpgsqlParameter<Instant> { TypedValue = row.CreatedAt },
    ];

    private static NpgsqlParameter OptionalId(Guid? id) =>
        new() { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid, Value = id is { } value ? value : DBNull.Value };

    /// <summary>
    /// The users whose lock this context's current transaction holds, so a use case that appends and then evaluates
    /// achievements asks PostgreSQL once.
    /// </summary>
    private static LocksHeld LocksHeldIn(KdFamilyDbContext db)
    {
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Ledger appends must run inside a transaction: the per-user lock lasts until it ends.");
        var held = HeldLocks.GetOrCreateValue(db);
        if (held.TransactionId != transaction.TransactionId)
        {
            held.TransactionId = transaction.TransactionId;
            held.Users.Clear();
        }

        return held;
    }

    private static readonly ConditionalWeakTable<KdFamilyDbContext, LocksHeld> HeldLocks = new();

    private sealed class LocksHeld
    {
        public Guid TransactionId { get; set; }

        public HashSet<Guid> Users { get; } = [];
    }

    /// <summary>Whether <paramref name="exception"/> is the unique violation of the idempotency key: the award already happened.</summary>
    public static bool IsDuplicateAward(DbUpdateException exception) => UniqueViolation.ConstraintOf(exception) == IdempotencyKeyIndex;

    /// <summary>The unique index on the idempotency key: violating it means the award was already made.</summary>
    public const string IdempotencyKeyIndex = "ix_points_history_idempotency_key";
}
