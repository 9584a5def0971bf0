using System.Data.Common;
using KdFamily.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NodaTime;

namespace KdFamily.Domain.Leaderboards;

/// <summary>What the ledger and the task table say about one member, in the member's family week.</summary>
public sealed record MemberStatsRow(
    Guid UserId,
    Guid FamilyId,
    int TotalPoints,
    int LifetimePoints,
    int WeeklyPoints,
    int TasksApproved,
    int TasksApprovedThisWeek,
    int ActiveTasks,
    IReadOnlyList<LocalDate> CompletionDates,
    IReadOnlyList<DateInterval> AwayPeriods);

/// <summary>The family whose members to summarize, with its zone and the start of its current week.</summary>
public sealed record MemberStatsScope(Guid FamilyId, string TimeZone, Instant WeekStart);

/// <summary>
/// Per member of the given families, in ONE statement: the ledger's total (the spendable balance), the points earned
/// all-time and this week (every row but spending on rewards and its refunds; points are always derived from
/// points_history), approved/active task counts, the distinct local dates (family
/// zone) on which the member completed a task that was later approved, and their away periods (the input of streaks).
/// </summary>
public static class MemberStatsQuery
{
    // The WHERE repeats the join's condition for the planner: under a generic plan it cannot see how few rows unnest
    // gives and scanned every user of every family for the join; `= ANY` lets it read the families' users by index.
    // Positional parameters (Npgsql sends the text unparsed): $1 the family ids, $2 their time zones, $3 their week
    // starts; $4 the member, in MemberSql.
    private const string Sql = """
        SELECT u.id, u.family_id,
               COALESCE(p.total, 0)::int, COALESCE(p.lifetime, 0)::int, COALESCE(p.weekly, 0)::int,
               COALESCE(t.approved, 0)::int, COALESCE(t.approved_this_week, 0)::int, COALESCE(t.active, 0)::int,
               COALESCE(t.completion_dates, ARRAY[]::date[]),
               COALESCE(a.froms, ARRAY[]::date[]), COALESCE(a.untils, ARRAY[]::date[])
        FROM unnest($1, $2, $3) AS k(family_id, time_zone, week_start)
        JOIN users u ON u.family_id = k.family_id
        LEFT JOIN LATERAL (
            SELECT sum(h.delta) AS total,
                   sum(h.delta) FILTER (WHERE h.bonus_type NOT IN ('redemption', 'redemption_refund')) AS lifetime,
                   sum(h.delta) FILTER (WHERE h.bonus_type NOT IN ('redemption', 'redemption_refund') AND h.created_at >= k.week_start) AS weekly
            FROM points_history h WHERE h.user_id = u.id
        ) p ON true
        LEFT JOIN LATERAL (
            SELECT count(*) FILTER (WHERE x.status = 'Approved') AS approved,
                   count(*) FILTER (WHERE x.status = 'Approved' AND x.approved_at >= k.week_start) AS approved_this_week,
                   count(*) FILTER (WHERE x.status IN ('Pending', 'InProgress', 'Completed', 'Rejected')) AS active,
                   array_agg(DISTINCT (x.completed_at AT TIME ZONE k.time_zone)::date)
                       FILTER (WHERE x.status = 'Approved' AND x.completed_at IS NOT NULL) AS completion_dates
            FROM tasks x WHERE x.assigned_to_id = u.id AND x.deleted_at IS NULL
        ) t ON true
        LEFT JOIN LATERAL (
            SELECT array_agg(w.from_date ORDER BY w.from_date) AS froms, array_agg(w.until_date ORDER BY w.from_date) AS untils
            FROM away_periods w WHERE w.user_id = u.id
        ) a ON true
        WHERE u.family_id = ANY($1)
        """;

    private const string MemberSql = Sql + "\nAND u.id = $4";

    /// <summary>The stats on the context's connection (and in its transaction, when one is open).</summary>
    public static Task<IReadOnlyList<MemberStatsRow>> LoadAsync(
        KdFamilyDbContext db, IReadOnlyCollection<MemberStatsScope> families, CancellationToken cancellationToken) =>
        LoadAsync(db, Statement(families), cancellationToken);

    /// <summary>One member's stats (none when they are not in <paramref name="family"/>): what an achievement evaluation needs, without summarizing the whole family.</summary>
    public static async Task<MemberStatsRow?> LoadMemberAsync(
        KdFamilyDbContext db, MemberStatsScope family, Guid memberId, CancellationToken cancellationToken)
    {
        var rows = await LoadAsync(db, MemberStatement(family, memberId), cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    private static async Task<IReadOnlyList<MemberStatsRow>> LoadAsync(
        KdFamilyDbContext db, (string Sql, NpgsqlParameter[] Parameters) statement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = (NpgsqlCommand)connection.CreateCommand();
            return await ReadAsync(command, statement, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// The statement that reads the stats of <paramref name="families"/>, for a caller that runs it on a pooled
    /// connection outside any transaction (e.g. with other reads in one batch); <see cref="Read"/> reads its rows.
    /// </summary>
    public static (string Sql, NpgsqlParameter[] Parameters) Statement(IReadOnlyCollection<MemberStatsScope> families) =>
        (Sql, Parameters(families));

    /// <summary>As <see cref="Statement"/>, for one member of one family (no row when they are not in it).</summary>
    public static (string Sql, NpgsqlParameter[] Parameters) MemberStatement(MemberStatsScope family, Guid memberId) =>
        (MemberSql, [.. Parameters([family]), new NpgsqlParameter<Guid> { TypedValue = memberId }]);

    private static async Task<IReadOnlyList<MemberStatsRow>> ReadAsync(
        NpgsqlCommand command, (string Sql, NpgsqlParameter[] Parameters) statement, CancellationToken cancellationToken)
    {
        command.CommandText = statement.Sql;
        command.Parameters.AddRange(statement.Parameters);

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<MemberStatsRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Read(reader));
        }

        return rows;
    }

    private static NpgsqlParameter[] Parameters(IReadOnlyCollection<MemberStatsScope> families)
    {
        ArgumentNullException.ThrowIfNull(families);
        return
        [
            new NpgsqlParameter<Guid[]> { TypedValue = [.. families.Select(f => f.FamilyId)] },
            new NpgsqlParameter<string[]> { TypedValue = [.. families.Select(f => f.TimeZone)] },
            new NpgsqlParameter<Instant[]> { TypedValue = [.. families.Select(f => f.WeekStart)] },
        ];
    }

    /// <summary>One row of <see cref="Statement"/>.</summary>
    public static MemberStatsRow Read(DbDataReader reader)
    {
        var froms = reader.GetFieldValue<LocalDate[]>(9);
        var untils = reader.GetFieldValue<LocalDate[]>(10);
        return new(
            reader.GetGuid(0),
            reader.GetGuid(1),
            reader.GetInt32(2),
            reader.GetInt32(3),
            reader.GetInt32(4),
            reader.GetInt32(5),
            reader.GetInt32(6),
            reader.GetInt32(7),
            reader.GetFieldValue<LocalDate[]>(8),
            [.. froms.Zip(untils, (from, until) => new DateInterval(from, until))]);
    }
}
