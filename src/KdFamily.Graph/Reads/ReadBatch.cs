using System.Diagnostics.CodeAnalysis;
using GraphQLServer.DataLoader;
using Npgsql;

namespace KdFamily.Graph.Reads;

/// <summary>
/// The read statements of the DataLoaders one <see cref="DispatchRound"/> started, sent together when the round ends:
/// one <see cref="NpgsqlBatch"/> on one pooled connection, so the loaders of a level cost one round trip and one
/// connection rent instead of one each. Each statement's rows complete its own task as soon as they are read.
/// </summary>
internal sealed class ReadBatch(NpgsqlDataSource dataSource) : IDispatchRoundWork
{
    private readonly List<PendingRead> _reads = [];
    private CancellationToken _cancellationToken;

    public Task<List<T>> Add<T>(string sql, Func<NpgsqlDataReader, T> read, NpgsqlParameter[] parameters, CancellationToken cancellationToken)
    {
        // The loaders of one round belong to one request (or one shared event): they are cancelled together.
        if (_reads.Count == 0)
        {
            _cancellationToken = cancellationToken;
        }

        var pending = new PendingRead<T>(sql, parameters, read);
        _reads.Add(pending);
        return pending.Rows;
    }

    public void Send() => _ = SendAsync();

    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "A failure belongs to the statement that failed, where its loader reports it as a field error.")]
    private async Task SendAsync()
    {
        var answered = 0;
        try
        {
            await using var batch = dataSource.CreateBatch();
            foreach (var read in _reads)
            {
                var command = new NpgsqlBatchCommand(read.Sql);
                command.Parameters.AddRange(read.Parameters);
                batch.BatchCommands.Add(command);
            }

            await using var reader = await batch.ExecuteReaderAsync(_cancellationToken);
            for (; answered < _reads.Count; answered++)
            {
                if (answered > 0 && !await reader.NextResultAsync(_cancellationToken))
                {
                    throw new InvalidOperationException("The batch answered fewer result sets than it had statements.");
                }

                await _reads[answered].ReadAsync(reader, _cancellationToken);
            }

            return;
        }
        catch (OperationCanceledException) when (_cancellationToken.IsCancellationRequested)
        {
            foreach (var read in _reads.Skip(answered))
            {
                read.Cancel(_cancellationToken);
            }

            return;
        }
        catch (Exception exception) when (answered < _reads.Count)
        {
            _reads[answered].Fail(exception);
        }
        catch (Exception)
        {
            // Every statement was answered; only returning the connection failed, and the pool discards it.
            return;
        }

        // PostgreSQL skips the rest of a batch after a failed statement. The other loaders' statements did not fail: each
        // is sent again on its own, so one loader's error (a statement timeout, a bad value) stays in its own fields.
        foreach (var read in _reads.Skip(answered + 1))
        {
            await read.ReadAloneAsync(dataSource, _cancellationToken);
        }
    }

    private abstract class PendingRead(string sql, NpgsqlParameter[] parameters)
    {
        public string Sql => sql;

        public NpgsqlParameter[] Parameters => parameters;

        public abstract Task ReadAsync(NpgsqlDataReader reader, CancellationToken cancellationToken);

        public abstract Task ReadAloneAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken);

        public abstract void Cancel(CancellationToken cancellationToken);

        public abstract void Fail(Exception exception);
    }

    private sealed class PendingRead<T>(string sql, NpgsqlParameter[] parameters, Func<NpgsqlDataReader, T> read) : PendingRead(sql, parameters)
    {
        private readonly TaskCompletionSource<List<T>> _rows = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<List<T>> Rows => _rows.Task;

        public override async Task ReadAsync(NpgsqlDataReader reader, CancellationToken cancellationToken) =>
            _rows.TrySetResult(await ReadQuery.ReadRowsAsync(reader, read, cancellationToken));

        [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "Handed to the loader through its task.")]
        public override async Task ReadAloneAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
        {
            try
            {
                // A parameter belongs to one command: the batch's command keeps the originals.
                _rows.TrySetResult(await ReadQuery.ReadAloneAsync(dataSource, Sql, read, Array.ConvertAll(Parameters, p => p.Clone()), cancellationToken));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                _rows.TrySetCanceled(cancellationToken);
            }
            catch (Exception exception)
            {
                _rows.TrySetException(exception);
            }
        }

        public override void Cancel(CancellationToken cancellationToken) => _rows.TrySetCanceled(cancellationToken);

        public override void Fail(Exception exception) => _rows.TrySetException(exception);
    }
}
