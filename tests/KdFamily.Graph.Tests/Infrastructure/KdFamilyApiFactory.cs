using KdFamily.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace KdFamily.Graph.Tests.Infrastructure;

/// <summary>
/// The real host on a fresh PostgreSQL database and the run's Redis. Use <see cref="StartKestrel"/> when a
/// test needs a real socket (node clients, browsers); otherwise CreateClient() uses the in-memory server.
/// </summary>
public class KdFamilyApiFactory : WebApplicationFactory<Program>
{
    /// <summary>A host for classes that count SQL statements: nothing polls the database in the background.</summary>
    public sealed class CountingStatements : KdFamilyApiFactory
    {
        protected override bool CountsStatements => true;
    }

    public const string TestSigningKey = "kd-family-tests-signing-key-0123456789-abcdefghij";

    /// <summary>The <c>Metrics:ApiKey</c> every test host has, so tests can read /metrics (see <see cref="GetMetricsAsync"/>).</summary>
    public const string MetricsApiKey = "kd-family-tests-metrics-key-0123456789-abcdefghij";

    private readonly Lazy<string> _connectionString = new(() => TestServers.Postgres.CreateDatabaseAsync().GetAwaiter().GetResult());
    private readonly string _limitsKeyPrefix = $"tests:{Guid.NewGuid():N}:";
    private KdFamilyApiFactory? _databaseOwner;

    public string PostgresConnectionString => _databaseOwner?.PostgresConnectionString ?? _connectionString.Value;

    /// <summary>
    /// This deployment's prefix of limit keys in the run's one Redis: hosts of one test class share budgets, other
    /// classes' requests (all from 127.0.0.1) do not count against them.
    /// </summary>
    public string LimitsKeyPrefix => _databaseOwner?.LimitsKeyPrefix ?? _limitsKeyPrefix;

    /// <summary>
    /// Makes this host use <paramref name="other"/>'s database and limit budgets instead of fresh ones (two API
    /// instances over one PostgreSQL and Redis, as behind a load balancer). Call before the host starts.
    /// </summary>
    public void UseDatabaseOf(KdFamilyApiFactory other) => _databaseOwner = other;

    /// <summary>Whether the host serves /metrics to <see cref="MetricsApiKey"/> (the default; tests of other metrics setups turn it off).</summary>
    protected virtual bool ServesMetricsWithKey => true;

    /// <summary>
    /// Whether the class counts SQL statements (<see cref="SqlStatementCounter"/>): then no background batch may poll the
    /// database while it measures.
    /// </summary>
    protected virtual bool CountsStatements => false;

    /// <summary>Extra configuration a test class needs, applied after the defaults.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> ExtraSettings() => [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = PostgresConnectionString,
            ["ConnectionStrings:Redis"] = TestServers.Redis.ConnectionString,
            ["Jwt:SigningKey"] = TestSigningKey,
            ["Jwt:Issuer"] = "kdfamily-tests",
            ["Jwt:Audience"] = "kdfamily-tests",
            ["Limits:KeyPrefix"] = LimitsKeyPrefix,
            // Tests send many requests and open many sockets from one address as few users; the limit tests
            // (tests/KdFamily.Graph.Tests/Limits) lower these again.
            ["Auth:RateLimitPermitLimit"] = "100000",
            ["Auth:AccountRateLimitPermitLimit"] = "100000",
            ["Auth:LockoutThreshold"] = "100000",
            ["GraphQL:Limits:CostPerMinute"] = "1000000000",
            ["GraphQL:Limits:WebSocketsPerUser"] = "100000",
            ["GraphQL:Limits:WebSocketsPerIp"] = "1000000",
            ["GraphQL:Limits:SseStreamsPerUser"] = "100000",
            ["GraphQL:WebSockets:MaxOperationsPerSocket"] = "100000",
            // Reset links are mailed by a background batch; tests wait for it, so let it run often (unless the class
            // counts SQL statements: see CountsStatements).
            ["Auth:PasswordResetQueueInterval"] = CountsStatements ? "00:01:00" : "00:00:00.200",
            // No Smtp:Host: the outbox sender logs mails instead of sending them (tests/KdFamily.Graph.Tests/Email send them).
            ["Smtp:PollInterval"] = CountsStatements ? "00:01:00" : "00:00:00.200",
            // Background settlement would add rows (and achievement rewards) behind the tests' backs; JobsTests run it by hand.
            ["Jobs:Enabled"] = "false",
        };
        if (ServesMetricsWithKey)
        {
            settings["Metrics:ApiKey"] = MetricsApiKey;
        }

        foreach (var (key, value) in ExtraSettings())
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    private readonly Lazy<Uri> _kestrelAddress;

    public KdFamilyApiFactory() => _kestrelAddress = new(StartKestrel);

    /// <summary>The address of this host on a real loopback port, started on first use (for test classes whose every test needs it).</summary>
    public Uri KestrelAddress => _kestrelAddress.Value;

    /// <summary>The Prometheus text of /metrics, read with the test hosts' metrics key.</summary>
    public static async Task<string> GetMetricsAsync(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/metrics", UriKind.Relative));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", MetricsApiKey);
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Serves the host on a real loopback port and returns its base address (e.g. http://127.0.0.1:PORT).</summary>
    public Uri StartKestrel()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
    }
}
