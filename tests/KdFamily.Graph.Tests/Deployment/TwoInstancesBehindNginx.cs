using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using KdFamily.Graph.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace KdFamily.Graph.Tests.Deployment;

/// <summary>
/// DESIGN §3 "exercised here as two instances behind nginx on loopback": two real Kestrel hosts on one PostgreSQL
/// database and the run's Redis, with <c>deploy/nginx/nginx.conf</c> in front of them.
/// </summary>
public sealed class TwoInstancesBehindNginx : IAsyncLifetime
{
    /// <summary>Per client address and endpoint, shared by both instances; low, so the rate-limit test reaches it quickly.</summary>
    public const int RateLimitPermitLimit = 3;

    private NginxProxy? _nginx;

    public Instance First { get; } = new();

    public Instance Second { get; private set; } = null!;

    public NginxProxy Nginx => _nginx ?? throw new InvalidOperationException("Not started.");

    public IReadOnlyList<Instance> Instances => [First, Second];

    public async Task InitializeAsync()
    {
        Second = new Instance();
        Second.UseDatabaseOf(First);
        try
        {
            First.Start();
            Second.Start();
            _nginx = await NginxProxy.StartAsync(Instances.Select(i => i.BaseAddress));
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (_nginx is not null)
        {
            await _nginx.DisposeAsync();
        }

        await Second.DisposeAsync();
        await First.DisposeAsync();
    }

    /// <summary>
    /// An HTTP client whose connections come from <paramref name="clientAddress"/> (any 127.x.y.z is a local address
    /// on Linux), so nginx sees a client that is neither itself nor the instances' view of it (127.0.0.1).
    /// </summary>
    public static HttpClient ClientFrom(IPAddress clientAddress, Uri baseAddress)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(clientAddress, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = baseAddress };
    }

    /// <summary>One API instance: counts the requests it served itself (prometheus-net's registry is process-wide).</summary>
    public sealed class Instance : KdFamilyApiFactory
    {
        private readonly ConcurrentQueue<(string Method, string Path, int Status)> _served = new();

        public Uri BaseAddress { get; private set; } = null!;

        public void Start() => BaseAddress = StartKestrel();

        /// <summary>Requests this instance answered, e.g. <c>Served("POST", "/graphql")</c>.</summary>
        public int Served(string method, string path, int? status = null) =>
            _served.Count(r => r.Method == method && r.Path == path && (status is null || r.Status == status));

        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        [
            new("ForwardedHeaders:Enabled", "true"),
            new("Auth:RateLimitPermitLimit", RateLimitPermitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter>(new CountingFilter(_served)));
        }

        private sealed class CountingFilter(ConcurrentQueue<(string Method, string Path, int Status)> served) : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.Use(async (http, nextMiddleware) =>
                {
                    await nextMiddleware(http);
                    served.Enqueue((http.Request.Method, http.Request.Path.Value ?? "", http.Response.StatusCode));
                });
                next(app);
            };
        }
    }
}
