using GraphQLServer.DataLoader;
using GraphQLServer.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GraphQLServer.Tests.Subscriptions;

public sealed class SharedEventLoadsTests
{
    private readonly FetchLog _log = new();
    private readonly FakeTimeProvider _time = new();
    private readonly SharedEventLoads _loads;

    public SharedEventLoadsTests()
    {
        var services = new ServiceCollection().AddSingleton(_log).AddScoped<ScopeProbe>().AddDataLoaders().BuildServiceProvider();
        _loads = new SharedEventLoads(services.GetRequiredService<IServiceScopeFactory>(), _time);
    }

    [Fact]
    public async Task Enter_ManyConcurrentSubscribersOfOneEvent_FetchEachKeyOnce()
    {
        var values = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            using var lease = _loads.Enter("event-1:family-a");
            return await lease.Loaders.GetLoader<NameByIdLoader>().LoadAsync(i % 2).GetResultAsync();
        })));

        Assert.Equal(2, _log.Keys.Count);
        Assert.Equal([0, 1], _log.Keys.Order());
        Assert.All(values.Select((v, i) => (v, i)), x => Assert.Equal($"name-{x.i % 2}", x.v));
    }

    [Fact]
    public async Task Enter_DifferentKeys_LoadSeparately()
    {
        using (var a = _loads.Enter("event-1:family-a"))
        using (var b = _loads.Enter("event-1:family-b"))
        {
            Assert.NotSame(a.Loaders, b.Loaders);
            await a.Loaders.GetLoader<NameByIdLoader>().LoadAsync(1).GetResultAsync();
            await b.Loaders.GetLoader<NameByIdLoader>().LoadAsync(1).GetResultAsync();
        }

        Assert.Equal([1, 1], _log.Keys);
    }

    [Fact]
    public async Task Enter_DispatchingSubscriberCancelled_OthersStillGetTheRow()
    {
        using var first = _loads.Enter("event-1:family-a");
        using var second = _loads.Enter("event-1:family-a");
        _log.Hold = new TaskCompletionSource();
        using var leaving = new CancellationTokenSource();

        var dispatched = first.Loaders.GetLoader<NameByIdLoader>().LoadAsync(7).GetResultAsync(leaving.Token);
        var waiting = second.Loaders.GetLoader<NameByIdLoader>().LoadAsync(7).GetResultAsync();
        await leaving.CancelAsync();
        _log.Hold.SetResult();

        Assert.Equal(("name-7", "name-7"), (await dispatched, await waiting));
    }

    [Fact]
    public async Task Enter_AfterRetention_StartsAfreshAndDisposesTheOldScopeOnceUnused()
    {
        var held = _loads.Enter("event-1:family-a");
        await held.Loaders.GetLoader<NameByIdLoader>().LoadAsync(1).GetResultAsync();
        var probe = held.Loaders.GetLoader<ProbeLoader>().Probe;
        Assert.Equal(1, _loads.Count);

        _time.Advance(SharedEventLoads.Retention + TimeSpan.FromSeconds(1));
        await WaitUntilAsync(() => _loads.Count == 0);
        Assert.Null(held.Event.TryEnter());
        Assert.False(probe.Disposed, "the scope was disposed while a subscriber still used it");

        using (var fresh = _loads.Enter("event-1:family-a"))
        {
            Assert.NotSame(held.Loaders, fresh.Loaders);
            await fresh.Loaders.GetLoader<NameByIdLoader>().LoadAsync(1).GetResultAsync();
        }

        held.Dispose();
        Assert.True(probe.Disposed);
        Assert.Equal([1, 1], _log.Keys);
    }

    [Fact]
    public async Task UseLoadersOf_SubscriberScope_ReadsTheEventsLoaders()
    {
        using var lease = _loads.Enter("event-1:family-a");
        await lease.Loaders.GetLoader<NameByIdLoader>().LoadAsync(3).GetResultAsync();
        var own = new DataLoaderContext(new ServiceCollection().AddSingleton(_log).BuildServiceProvider());

        own.UseLoadersOf(lease.Loaders);

        Assert.Equal("name-3", await own.GetLoader<NameByIdLoader>().LoadAsync(3).GetResultAsync());
        Assert.Equal([3], _log.Keys);
        Assert.Throws<InvalidOperationException>(() => own.UseLoadersOf(lease.Loaders));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition never held");
            await Task.Delay(10);
        }
    }

    public sealed class FetchLog
    {
        public List<int> Keys { get; } = [];

        public TaskCompletionSource? Hold { get; set; }
    }

    public sealed class ScopeProbe : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }

    public sealed class NameByIdLoader(FetchLog log) : BatchDataLoader<int, string>
    {
        protected override async Task<IReadOnlyDictionary<int, string>> LoadBatchAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken)
        {
            if (log.Hold is { } hold)
            {
                await hold.Task.WaitAsync(cancellationToken);
            }

            lock (log.Keys)
            {
                log.Keys.AddRange(keys);
            }

            return keys.ToDictionary(k => k, k => $"name-{k}");
        }
    }

    /// <summary>A loader with a scoped dependency, to see when the event's scope is disposed.</summary>
    public sealed class ProbeLoader(ScopeProbe probe)
    {
        public ScopeProbe Probe { get; } = probe;
    }
}
