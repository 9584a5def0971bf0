using KdFamily.Graph.Tests.Infrastructure;

namespace KdFamily.Graph.Tests.Subscriptions;

/// <summary>A host whose session entries expire after <see cref="CacheLifetime"/>, so a test can let them lapse.</summary>
public sealed class ShortSessionCacheApiFactory : KdFamilyApiFactory
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(4);

    protected override bool CountsStatements => true;

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        [new("Auth:SessionCacheLifetime", CacheLifetime.ToString())];
}

/// <summary>
/// Every subscription event re-reads its subscriber's session; when the cached entry has lapsed, the subscriptions of
/// one session that receive the same event share one read of it.
/// </summary>
public sealed class SessionCacheFanOutTests(ShortSessionCacheApiFactory host) : IClassFixture<ShortSessionCacheApiFactory>
{
    [Fact]
    public async Task Approval_SessionEntriesExpired_ReadsEachSessionOnceForAllItsSubscriptions()
    {
        await using var fanOut = await FanOutSockets.OpenAsync(host, (2, 25), (3, 25));
        await fanOut.ApproveAndReceiveAsync(0);

        // Let every session entry lapse, so the next event's 175 revalidations all miss at once.
        await Task.Delay(ShortSessionCacheApiFactory.CacheLifetime + TimeSpan.FromSeconds(1));
        using var counter = new SqlStatementCounter(host.PostgresConnectionString);
        await fanOut.ApproveAndReceiveAsync(1);

        var lookups = counter.SentStatements.Where(SubscriptionFanOutTests.IsSessionLookup).ToList();
        // One read per session (the sockets' two and the approving caller's), not one per subscription (52 before reads
        // were shared), with one spare: a full suite on two cores once showed 4.
        Assert.True(
            lookups.Count <= fanOut.Sockets + 2,
            $"{lookups.Count} session lookups for {fanOut.Subscriptions} subscriptions on {fanOut.Sockets} sockets:\n{string.Join("\n---\n", lookups.Distinct())}");
    }
}
