using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace KdFamily.Domain.Data;

/// <summary>
/// Statements of one unit of work that need no answer from each other, sent in the context's open transaction as one
/// round trip: a ledger append and the reads of the achievement evaluation it leads to, for instance. They run in the
/// order added and, under READ COMMITTED, each takes its snapshot when it starts, so a statement sees what the ones
/// before it wrote. Each statement's rows go to its own reader as they arrive, so every statement must answer a result
/// set (a SELECT, or a write with RETURNING): Npgsql skips a statement that answers none, which would hand the next
/// statement's rows to the wrong reader.
/// </summary>
public sealed class TransactionBatch(KdFamilyDbContext db)
{
    private readonly List<(NpgsqlBatchCommand Command, Action<NpgsqlDataReader>? EachRow)> _statements = [];
    private readonly HashSet<object> _keys = [];

    public KdFamilyDbContext Db { get; } = db ?? throw new ArgumentNullException(nameof(db));

    /// <summary>
    /// Whether <see cref="RunAsync"/> first writes what the unit of work added to the context (the default: the
    /// statements come after those writes and see them, e.g. the ledger's rows after a task's conditional update). A
    /// batch whose statements neither read those rows nor must follow them may leave them to a later save (the
    /// pipeline's, or a later batch's), and EF does not compare every tracked entity with its snapshot once more only
    /// to find, most often, nothing new. Internal, so a use case's effects keep saving first: their first batch is
    /// what puts a task's conditional update ahead of the ledger (see the task workflow).
    /// </summary>
    internal bool SavesPendingChangesFirst { get; init; } = true;

    /// <summary>
    /// Adds a statement with positional parameters (<c>$1</c>, <c>$2</c>…) that answers a result set;
    /// <paramref name="eachRow"/> reads each of its rows (null: the rows are not needed).
    /// </summary>
    public void Add(string sql, Action<NpgsqlDataReader>? eachRow, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        _statements.Add((command, eachRow));
    }

    /// <summary>As <see cref="Add"/>, unless a statement with the same <paramref name="key"/> is waiting in the batch already.</summary>
    public void AddOnce(object key, string sql, Action<NpgsqlDataReader>? eachRow, params NpgsqlParameter[] parameters)
    {
        if (_keys.Add(key))
        {
            Add(sql, eachRow, parameters);
        }
    }

    /// <summary>
    /// When there are statements: writes what the unit of work added to the context so far (it comes first, as if
    /// saved before; unless <see cref="SavesPendingChangesFirst"/> is false), then sends them and reads their rows;
    /// the batch is empty again afterwards, whatever happened. A statement PostgreSQL refuses is reported as
    /// <see cref="DbUpdateException"/>, as SaveChanges reports a refused row, so the pipeline recognizes a unique
    /// violation or a deadlock the same way.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var statements = _statements.ToArray();
        _statements.Clear();
        _keys.Clear();
        if (statements.Length == 0)
        {
            return;
        }

        var transaction = Db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction
            ?? throw new InvalidOperationException("A transaction batch runs inside the unit of work's transaction.");
        // Without asking HasChanges first: with nothing pending SaveChanges sends nothing, and asking made EF compare
        // every tracked entity with its snapshot twice (both passes: 5 % of the service's CPU in a profile of the
        // approvals bench).
        if (SavesPendingChangesFirst)
        {
            await Db.SaveChangesAsync(cancellationToken);
        }

        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);
        foreach (var (command, _) in statements)
        {
            batch.BatchCommands.Add(command);
        }

        try
        {
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            for (var i = 0; i < statements.Length; i++)
            {
                if (i > 0 && !await reader.NextResultAsync(cancellationToken))
                {
                    throw new InvalidOperationException("The batch answered fewer result sets than it had statements: one answered none.");
                }

                while (await reader.ReadAsync(cancellationToken))
                {
                    statements[i].EachRow?.Invoke(reader);
                }
            }
        }
        catch (PostgresException exception)
        {
            throw new DbUpdateException("PostgreSQL refused a statement: " + exception.MessageText, exception);
        }
    }
}
