using System.Diagnostics;
using System.Text.Json.Nodes;
using GraphQLServer.PubSub;
using KdFamily.Graph.LiveUpdates;
using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Graph.Tests.LiveUpdates;
using KdFamily.Graph.Tests.Server.Limits;
using KdFamily.Graph.Tests.Tasks;
using KdFamily.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace KdFamily.Graph.Tests.Subscriptions;

/// <summary>
/// A structural guard for the memory of idle subscribers (issue 9, goal 4): the managed heap the whole host keeps per
/// open WebSocket with one <c>leaderboardUpdated</c> subscription, measured with
/// <see cref="GC.GetTotalMemory(bool)"/> after full collections on a real Kestrel host, with the clients in another
/// process (node, graphql-ws) so that only the server's objects count. Speed is measured in bench/, never here; this
/// fails when a socket again keeps what it let go of (the middleware chain in front of it, a timer, task and
/// cancellation registration per socket for keep-alives and expiry, an idle writer loop and channel, an event channel
/// per subscription), which together cost more than the margin.
/// </summary>
[Collection(ServerCostMeasuredAlone.Name)]
public sealed class IdleSubscriberMemoryTests(KestrelApiFactory host, ITestOutputHelper output) : IClassFixture<KestrelApiFactory>
{
    /// <summary>
    /// The heap 400 more sockets add to a host already holding 200 (the first group takes the one-off costs a first
    /// connection after the warm-up still pays; measured from no socket, runs of the same code varied by 2 KB per socket).
    /// On 2026-12-01: 22.2-22.8 KB per socket at 35e6111 alone (four runs), 23.3 KB inside the whole suite; 24.7 KB on
    /// the code before fe425fc (df9916c, three runs alone); 41.3 KB before issue 9 goal 4 (163184f, 200 sockets). The
    /// bound leaves the suite's noise its room: it fails when a socket keeps a few KB more again (a DI scope, a timer,
    /// task and cancellation registration, a channel per socket), not on a few hundred bytes.
    /// </summary>
    private const long MaxBytesPerSocket = 26 * 1024;

    private const int FirstSockets = 200;

    private const int Sockets = 400;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>
    /// What a socket keeps is in every measurement; a burst of other work landing in one (once in CI, 58 KB against a
    /// usual 22-24 KB) is not. So an over-bound measurement is taken again with a fresh group of sockets, and the
    /// lowest must be within the bound.
    /// </summary>
    private const int Attempts = 2;

    /// <summary>At most this many heap readings, half a second apart, for the heap to settle.</summary>
    private const int SettleReadings = 20;

    /// <summary>A reading that falls by less than this from the lowest so far is settled.</summary>
    private const long SettledWithin = 64 * 1024;

    [Fact]
    public async Task IdleSubscribers_KeepABoundedHeapPerSocket()
    {
        var flow = new ApprovalFlow(host);
        var endpoint = ReferenceClientLiveUpdatesTests.WebSocketEndpoint(host.Address).ToString();
        var seed = await flow.SeedAsync();
        var database = host.Services.GetRequiredService<NpgsqlDataSource>();
        var token = flow.TokenFor(seed.Members[2]);
        var topic = Topics.Family(seed.Family.Id, Topics.LeaderboardUpdated);

        // Warm-up: the same path once (JIT, pools, caches, the first event's one-off costs), then everything closed. As
        // many sockets as a measurement opens, so that each measurement, a retry too, starts after a group that size.
        await using (var warmUp = await IdleClients.StartAsync(endpoint, Sockets, seed, token))
        {
            await WaitUntilListeningAsync(topic, Sockets);
            await flow.ApproveNewTaskAsync(seed);
            await warmUp.WaitForAsync("received");
        }

        await host.Services.WaitForNoRedisSubscriberAsync(topic);
        await using var first = await IdleClients.StartAsync(endpoint, FirstSockets, seed, token);
        await WaitUntilListeningAsync(topic, FirstSockets);
        var measured = new List<long>();
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var before = SettledLiveHeap(database);
            await using (var clients = await IdleClients.StartAsync(endpoint, Sockets, seed, token))
            {
                await WaitUntilListeningAsync(topic, FirstSockets + Sockets);
                var after = SettledLiveHeap(database);
                measured.Add((after.Bytes - before.Bytes) / Sockets);
                output.WriteLine($"attempt {attempt}: {measured[^1]:N0} bytes of live heap per idle subscriber ({before} with {FirstSockets} sockets → {after} with {Sockets} more)");
            }

            if (measured[^1] <= MaxBytesPerSocket || attempt == Attempts)
            {
                break;
            }

            await WaitUntilListeningAsync(topic, FirstSockets);
        }

        Assert.InRange(measured.Min(), 1, MaxBytesPerSocket);
    }

    /// <summary>graphql-transport-ws does not acknowledge a subscribe: wait until the host listens for every one.</summary>
    private async Task WaitUntilListeningAsync(string topic, int subscriptions)
    {
        var bus = (RedisTopicBus)host.Services.GetRequiredService<ITopicEventReceiver>();
        using var deadline = new CancellationTokenSource(Patience);
        while (bus.LocalListenerCount(topic) != subscriptions)
        {
            Assert.False(deadline.IsCancellationRequested, $"{bus.LocalListenerCount(topic)} of {subscriptions} subscriptions started within {Patience}");
            await Task.Delay(50, CancellationToken.None);
        }
    }

    /// <summary>
    /// The live heap once the last subscribes have finished: a subscription listens before its request has unwound
    /// (its scope, its execution, the upgrade's buffers), and on a busy machine that tail can still be running when
    /// the count is reached. Work in flight only adds, so readings are taken until one no longer falls, and the lowest
    /// is kept; a socket's permanent cost is in every reading. The database pool is emptied first: subscribing reads
    /// the caller's authority, so the pool grows with how many subscribes overlapped (up to its maximum, shared by
    /// every socket), and each open connection keeps its buffers and prepared statements.
    /// </summary>
    private static HeapReading SettledLiveHeap(NpgsqlDataSource database)
    {
        var readings = new List<long>();
        while (readings.Count < SettleReadings)
        {
            Thread.Sleep(500);
            database.Clear();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            var reading = GC.GetTotalMemory(forceFullCollection: true);
            var falling = readings.Count == 0 || reading <= readings.Min() - SettledWithin;
            readings.Add(reading);
            if (!falling)
            {
                break;
            }
        }

        var pinned = GC.GetGCMemoryInfo(GCKind.FullBlocking).GenerationInfo[4].SizeAfterBytes;
        return new HeapReading(readings.Min(), readings, pinned, ThreadPool.ThreadCount);
    }

    /// <summary>What a failure needs to say where the bytes went: every reading, the pinned heap (Kestrel's buffer pool) and the pool's threads.</summary>
    private sealed record HeapReading(long Bytes, IReadOnlyList<long> Readings, long PinnedBytes, int Threads)
    {
        public override string ToString() =>
            $"{Bytes:N0} bytes (readings {string.Join(", ", Readings.Select(reading => reading.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)))}; pinned heap {PinnedBytes:N0}; {Threads} pool threads)";
    }

    /// <summary>tests/node/idle-subscribers.mjs, held open until disposed.</summary>
    private sealed class IdleClients : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly Task<string> _stderr;

        private IdleClients(Process process)
        {
            _process = process;
            _stderr = process.StandardError.ReadToEndAsync();
        }

        public static async Task<IdleClients> StartAsync(string endpoint, int count, FamilySeed seed, string token)
        {
            var info = new ProcessStartInfo("node")
            {
                WorkingDirectory = RepositoryRoot.Path,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var arg in new[]
            {
                RepositoryRoot.Combine("tests/node/idle-subscribers.mjs"), endpoint, count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Operations.Load("OnLeaderboardUpdated"), ApprovalFlow.Variables(seed), token, "1",
            })
            {
                info.ArgumentList.Add(arg);
            }

            var clients = new IdleClients(Process.Start(info) ?? throw new InvalidOperationException("Could not start node"));
            await clients.WaitForAsync("connected");
            return clients;
        }

        /// <summary>Reads the script's lines until <paramref name="expected"/>; fails on anything else, its exit or the deadline.</summary>
        public async Task WaitForAsync(string expected)
        {
            using var deadline = new CancellationTokenSource(Patience);
            while (true)
            {
                string? line;
                try
                {
                    line = await _process.StandardOutput.ReadLineAsync(deadline.Token);
                }
                catch (OperationCanceledException)
                {
                    throw new TimeoutException($"idle-subscribers.mjs did not report '{expected}' within {Patience}.");
                }

                if (line is null)
                {
                    await _process.WaitForExitAsync();
                    Assert.Fail($"idle-subscribers.mjs exited ({_process.ExitCode}) before '{expected}': {await _stderr}");
                }

                var eventName = JsonNode.Parse(line)!["event"]!.GetValue<string>();
                if (eventName == expected)
                {
                    return;
                }

                Assert.Fail($"idle-subscribers.mjs reported {line} while waiting for '{expected}'");
            }
        }

        public async ValueTask DisposeAsync()
        {
            _process.StandardInput.Close();
            using var deadline = new CancellationTokenSource(Patience);
            try
            {
                await _process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
        }
    }
}
