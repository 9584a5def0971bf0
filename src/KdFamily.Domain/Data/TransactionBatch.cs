using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace KdFamily.Domain.Data;

/// <summary>
/// Statements of one unit of work that need no answer from each other, sent in the context's open transaction as one
/// round trip: a ledger append and the reads of the achievement evaluation it leads to, for instance. They run in the
/// order added and, under READ COMMITTED, each takes its snapshot when it starts, so a statement sees what the ones
/// before it wrote. Each statement's rows go to its own reader as they arrive.
/// </summary>
public sealed class TransactionBatch(KdFamilyDbContext db)
{
    private readonly List<(NpgsqlBatchCommand Command, Action<NpgsqlDataReader>? EachRow)> _statements = [];

    public KdFamilyDbContext Db { get; } = db ?? throw new ArgumentNullException(nameof(db));

    /// <summary>Adds a statement with positional parameters (<c>$1</c>, <c>$2</c>…); <paramref name="eachRow"/> reads each row it returns.</summary>
    public void Add(string sql, Action<NpgsqlDataReader>? eachRow, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        _statements.Add((command, eachRow));
    }

    /// <summary>
    /// Writes what the unit of work added to the context so far (it comes first, as if saved before), then sends the
    /// statements and reads their rows. A statement PostgreSQL refuses is reported as <see cref="DbUpdateException"/>,
    /// as SaveChanges reports a refused row, so the pipeline recognizes a unique violation or a deadlock the same way.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var transaction = Db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction
            ?? throw new InvalidOperationException("A transaction batch runs inside the unit of work's transaction.");
        if (Db.ChangeTracker.HasChanges())
        {
            await Db.SaveChangesAsync(cancellationToken);
        }

        if (_statements.Count == 0)
        {
            return;
        }

        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);
        foreach (var (command, _) in _statements)
        {
            batch.BatchCommands.Add(command);
        }

        try
        {
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            for (var i = 0; i < _statements.Count; i++)
            {
                if (i > 0 && !await reader.NextResultAsync(cancellationToken))
                {
                    throw new InvalidOperationException("The batch answered fewer result sets than it had statements.");
                }

                while (await reader.ReadAsync(cancellationToken))
                {
                    _statements[i].EachRow?.Invoke(reader);
                }
            }
        }
        catch (PostgresException exception)
        {
            throw new DbUpdateException("PostgreSQL refused a statement: " + exception.MessageText, exception);
        }
        finally
        {
            _statements.Clear();
        }
    }
}
