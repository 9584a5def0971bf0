using System.Diagnostics;
using Npgsql;

namespace KdFamily.Graph.Tests.Infrastructure;

/// <summary>
/// Counts the SQL statements Npgsql runs against one database, by listening to Npgsql's ActivitySource. Nothing
/// in production code knows about it; other test classes (other databases) running in parallel are not counted.
/// </summary>
public sealed class SqlStatementCounter : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly string _database;
    private int _count;

    public SqlStatementCounter(string connectionString)
    {
        _database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = OnStopped,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public int Count => Volatile.Read(ref _count);

    /// <summary>What each round trip sent: one statement, or the statements of a batch joined by <c>;\n</c>.</summary>
    public List<string> Statements { get; } = [];

    /// <summary>
    /// Every statement sent, batches split: how many of them does not depend on which loads happened to share a round
    /// trip (DataLoaders fetching in one dispatch round send their reads together, as the timing of concurrent
    /// subscribers allows).
    /// </summary>
    public List<string> SentStatements
    {
        get
        {
            lock (Statements)
            {
                return [.. Statements.SelectMany(text => text.Split(";\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
            }
        }
    }

    public void Reset()
    {
        lock (Statements)
        {
            Statements.Clear();
            _count = 0;
        }
    }

    private void OnStopped(Activity activity)
    {
        var database = activity.GetTagItem("db.namespace") ?? activity.GetTagItem("db.name");
        var text = (activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement")) as string;
        if (!string.Equals(database as string, _database, StringComparison.Ordinal) || text is null)
        {
            return;
        }

        lock (Statements)
        {
            Statements.Add(text);
            _count++;
        }
    }

    public void Dispose() => _listener.Dispose();
}
