using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using KdFamily.Graph.Tests.Infrastructure;

namespace KdFamily.Graph.Tests.Health;

/// <summary>With <c>Metrics:ApiKey</c>, <c>/metrics</c> answers the service's port only to callers presenting the key.</summary>
public sealed class MetricsTests(MetricsTests.Factory factory) : IClassFixture<MetricsTests.Factory>
{
    public const string ApiKey = "metrics-key-for-tests-0123456789abcdef";

    public sealed class Factory : KdFamilyApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() => [new("Metrics:ApiKey", ApiKey)];
    }

    [Fact]
    public async Task Metrics_WithTheKey_ServesPrometheusTextWithHttpMetrics()
    {
        using var client = factory.CreateClient();
        (await client.GetAsync(new Uri("/health", UriKind.Relative))).Dispose();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);

        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("# TYPE http_request_duration_seconds histogram", text, StringComparison.Ordinal);
        Assert.Contains("endpoint=\"/health\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_FromOtherMeters_ExportsObservableAndRareEventInstrumentsOnly()
    {
        // The runtime's and the libraries' meters reach /metrics through prometheus-net's adapter: what is read at the
        // scrape, and what records once per connection or error, is exported; what records on every request or command
        // is not (see ServerMetricsExporter).
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);

        // The adapter starts listening at the process's first scrape: measurements before it would be lost either way.
        (await client.GetAsync(new Uri("/metrics", UriKind.Relative))).Dispose();
        using var meter = new Meter("KdFamily.Tests.AdapterProbe");
        meter.CreateObservableGauge("probe.observed", () => 42);
        var perRequest = meter.CreateCounter<long>("probe.recorded");
        var timed = meter.CreateHistogram<double>("probe.timed");
        var rareEvent = meter.CreateCounter<long>("kestrel.rejected_connections");
        perRequest.Add(7);
        timed.Record(0.5);
        rareEvent.Add(3);
        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("probe_observed 42", text, StringComparison.Ordinal);
        Assert.Contains("adapterprobe_kestrel_rejected_connections 3", text, StringComparison.Ordinal);
        Assert.DoesNotContain("probe_recorded", text, StringComparison.Ordinal);
        Assert.DoesNotContain("probe_timed", text, StringComparison.Ordinal);
        Assert.Contains("system_runtime_dotnet_jit_compilation_time ", text, StringComparison.Ordinal);
        Assert.Contains("npgsql_db_client_connection_count{", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-key-0123456789abcdef0123456789")]
    [InlineData(ApiKey)]
    public async Task Metrics_WithoutTheKey_Returns401(string? authorization)
    {
        using var client = factory.CreateClient();
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("http_request_duration_seconds", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

/// <summary>Without <c>Metrics:ApiKey</c> or <c>Metrics:Port</c>, nobody reads the metrics over the service's port.</summary>
public sealed class MetricsNotConfiguredTests(MetricsNotConfiguredTests.Factory factory) : IClassFixture<MetricsNotConfiguredTests.Factory>
{
    public sealed class Factory : KdFamilyApiFactory
    {
        protected override bool ServesMetricsWithKey => false;
    }

    [Fact]
    public async Task Metrics_NotConfigured_Returns404()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

/// <summary>With <c>Metrics:Port</c>, <c>/metrics</c> is served by a listener of its own on that port, and not on the service's.</summary>
public sealed class MetricsPortTests(MetricsPortTests.Factory factory) : IClassFixture<MetricsPortTests.Factory>
{
    public sealed class Factory : KdFamilyApiFactory
    {
        public int MetricsPort { get; } = FreePort();

        protected override bool ServesMetricsWithKey => false;

        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() => [new("Metrics:Port", MetricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture))];

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }

    [Fact]
    public async Task Metrics_OnTheMetricsPort_ServedWithoutKeyAndNotOnTheServicePort()
    {
        var service = factory.StartKestrel();
        using var http = new HttpClient();

        using var onMetricsPort = await http.GetAsync(new Uri($"http://127.0.0.1:{factory.MetricsPort}/metrics"));
        using var onServicePort = await http.GetAsync(new Uri(service, "/metrics"));

        Assert.Equal(HttpStatusCode.OK, onMetricsPort.StatusCode);
        Assert.Contains("# TYPE", await onMetricsPort.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, onServicePort.StatusCode);
    }
}
