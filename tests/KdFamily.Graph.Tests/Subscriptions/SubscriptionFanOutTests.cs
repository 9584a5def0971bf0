using KdFamily.Graph.Tests.Infrastructure;
using Xunit.Abstractions;

namespace KdFamily.Graph.Tests.Subscriptions;

/// <summary>
/// One approval fanned out to hundreds of subscriptions over real WebSockets, on four subscription fields with nested
/// relations, from three users: the SQL it costs does not grow with the number of subscribers.
/// </summary>
public sealed class SubscriptionFanOutTests(KdFamilyApiFactory.CountingStatements host, ITestOutputHelper output) : IClassFixture<KdFamilyApiFactory.CountingStatements>
{
    [Fact]
    public async Task Approval_270SubscriptionsOnFiveSockets_RunsTheSameStatementsAsFourSubscriptions()
    {
        // One socket of the assignee with one subscription of each field, against three sockets of the assignee, one of
        // another member and one of the advisor, with fifteen of each.
        var few = await MeasureAsync((2, 1));
        var many = await MeasureAsync((2, 15), (2, 15), (2, 15), (3, 15), (0, 15));

        output.WriteLine($"{few.Subscriptions} subscriptions: {few.Work.Count} statements + {few.SessionLookups} session lookups; "
            + $"{many.Subscriptions}: {many.Work.Count} + {many.SessionLookups}");
        Assert.Equal((4, 270), (few.Subscriptions, many.Subscriptions));
        Assert.True(few.Work.Count > 0, "the counter saw no statements");
        Assert.True(
            few.Work.Count == many.Work.Count,
            $"{few.Subscriptions} subscriptions: {few.Work.Count} statements, {many.Subscriptions}: {many.Work.Count}:\n{string.Join("\n---\n", many.Work)}");

        // Authority is still read per subscriber and event, from the session cache: at most one lookup per session (the
        // mutation's caller included), whatever the number of subscriptions on it.
        Assert.True(many.SessionLookups <= many.Sockets + 1, $"{many.SessionLookups} session lookups for {many.Sockets} sockets");
    }

    private async Task<Measurement> MeasureAsync(params (int Member, int Copies)[] sockets)
    {
        await using var fanOut = await FanOutSockets.OpenAsync(host, sockets);

        // The first approval warms what is loaded once per process, not per event (the sessions were read on subscribe).
        await fanOut.ApproveAndReceiveAsync(0);

        using var counter = new SqlStatementCounter(host.PostgresConnectionString);
        await fanOut.ApproveAndReceiveAsync(1);
        var statements = counter.SentStatements;
        return new Measurement(
            fanOut.Subscriptions,
            fanOut.Sockets,
            [.. statements.Where(s => !IsSessionLookup(s))],
            statements.Count(IsSessionLookup));
    }

    /// <summary>A read of a session's authority (the tests' own INSERTs of new sessions are not).</summary>
    internal static bool IsSessionLookup(string statement) =>
        statement.StartsWith("SELECT", StringComparison.Ordinal) && statement.Contains("FROM auth_sessions", StringComparison.Ordinal);

    private sealed record Measurement(int Subscriptions, int Sockets, List<string> Work, int SessionLookups);
}
