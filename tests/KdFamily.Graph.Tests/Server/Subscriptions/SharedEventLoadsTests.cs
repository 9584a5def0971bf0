using KdFamily.Graph.Server.Subscriptions;
using Microsoft.Extensions.Time.Testing;

namespace KdFamily.Graph.Tests.Server.Subscriptions;

public sealed class SharedEventLoadsTests
{
    [Fact]
    public async Task GetOrLoad_ManyConcurrentCallersOfOneKey_RunTheLoadOnce()
    {
        var loads = new SharedEventLoads(new FakeTimeProvider());
        var runs = 0;
        var release = new TaskCompletionSource();

        var callers = Enumerable.Range(0, 200).Select(_ => Task.Run(() => loads.GetOrLoadAsync("event-1", async () =>
        {
            Interlocked.Increment(ref runs);
            await release.Task;
            return "standings";
        }))).ToList();
        release.SetResult();
        var results = await Task.WhenAll(callers);

        Assert.Equal(1, runs);
        Assert.All(results, r => Assert.Equal("standings", r));
    }

    [Fact]
    public async Task GetOrLoad_DifferentKeys_LoadSeparately()
    {
        var loads = new SharedEventLoads(new FakeTimeProvider());

        var a = await loads.GetOrLoadAsync("a", () => Task.FromResult<string?>("A"));
        var b = await loads.GetOrLoadAsync("b", () => Task.FromResult<string?>("B"));

        Assert.Equal(("A", "B"), (a, b));
    }

    [Fact]
    public async Task GetOrLoad_AfterRetention_ForgetsTheResult()
    {
        var time = new FakeTimeProvider();
        var loads = new SharedEventLoads(time);
        await loads.GetOrLoadAsync("a", () => Task.FromResult<string?>("first"));
        Assert.Equal(1, loads.Count);

        time.Advance(SharedEventLoads.Retention + TimeSpan.FromSeconds(1));
        await WaitUntilAsync(() => loads.Count == 0);

        Assert.Equal("second", await loads.GetOrLoadAsync("a", () => Task.FromResult<string?>("second")));
    }

    [Fact]
    public async Task GetOrLoad_FailedLoad_FailsEveryWaitingCaller()
    {
        var loads = new SharedEventLoads(new FakeTimeProvider());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => loads.GetOrLoadAsync<string>("a", () => throw new InvalidOperationException("db down")));

        Assert.Equal("db down", error.Message);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }
    }
}
