using KdFamily.Graph.Reads;
using KdFamily.Graph.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace KdFamily.Graph.Tests.ReadGraph;

/// <summary>
/// The reads of one dispatch round go to PostgreSQL as one batch; a statement that fails there must fail only its own
/// loader, although PostgreSQL skips the rest of the batch after it.
/// </summary>
public sealed class ReadBatchTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    [Fact]
    public async Task Send_OneStatementFails_TheOthersAreStillAnswered()
    {
        var dataSource = factory.Services.GetRequiredService<NpgsqlDataSource>();
        var batch = new ReadBatch(dataSource);
        var before = batch.Add("SELECT $1 + 1", r => r.GetInt32(0), [ReadQuery.Parameter(1)], CancellationToken.None);
        var failing = batch.Add("SELECT 1 / $1", r => r.GetInt32(0), [ReadQuery.Parameter(0)], CancellationToken.None);
        var after = batch.Add("SELECT $1 * 10", r => r.GetInt32(0), [ReadQuery.Parameter(4)], CancellationToken.None);
        var last = batch.Add("SELECT generate_series(1, $1)", r => r.GetInt32(0), [ReadQuery.Parameter(3)], CancellationToken.None);

        batch.Send();

        Assert.Equal([2], await before.WaitAsync(TimeSpan.FromSeconds(10)));
        var error = await Assert.ThrowsAsync<PostgresException>(() => failing.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(PostgresErrorCodes.DivisionByZero, error.SqlState);
        Assert.Equal([40], await after.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal([1, 2, 3], await last.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Send_EveryStatementSucceeds_AnswersEachWithItsOwnRows()
    {
        var dataSource = factory.Services.GetRequiredService<NpgsqlDataSource>();
        var batch = new ReadBatch(dataSource);
        var empty = batch.Add("SELECT 1 WHERE $1", r => r.GetInt32(0), [ReadQuery.Parameter(false)], CancellationToken.None);
        var rows = batch.Add("SELECT generate_series(1, $1)", r => r.GetInt32(0), [ReadQuery.Parameter(2)], CancellationToken.None);

        batch.Send();

        Assert.Empty(await empty.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal([1, 2], await rows.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
