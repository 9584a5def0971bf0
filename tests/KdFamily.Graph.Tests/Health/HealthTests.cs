using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using KdFamily.Graph.Tests.Infrastructure;

namespace KdFamily.Graph.Tests.Health;

public sealed class HealthTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    [Fact]
    public async Task Health_WithPostgresAndRedisUp_Returns200AndEachCheck()
    {
        var (status, body) = await GetHealthAsync(factory);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body["status"]!.GetValue<string>());
        Assert.Equal("Healthy", body["checks"]!["postgres"]!["status"]!.GetValue<string>());
        Assert.Equal("Healthy", body["checks"]!["redis"]!["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/health/ready")]
    [InlineData("/health/live")]
    public async Task HealthEndpoints_WithEverythingUp_Return200(string path)
    {
        var (status, body) = await GetHealthAsync(factory, path);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body["status"]!.GetValue<string>());
    }

    internal static async Task<(HttpStatusCode Status, JsonObject Body)> GetHealthAsync(KdFamilyApiFactory factory, string path = "/health")
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }
}

public sealed class HealthWithoutRedisTests(HealthWithoutRedisTests.Factory factory) : IClassFixture<HealthWithoutRedisTests.Factory>
{
    public sealed class Factory : KdFamilyApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() => [new("ConnectionStrings:Redis", "")];
    }

    [Fact]
    public async Task Health_WithoutRedisConfigured_ReportsNotConfiguredAndStays200()
    {
        var (status, body) = await HealthTests.GetHealthAsync(factory);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("NotConfigured", body["checks"]!["redis"]!["status"]!.GetValue<string>());
        Assert.Equal("Healthy", body["checks"]!["postgres"]!["status"]!.GetValue<string>());
    }
}

public sealed class HealthWithRedisDownTests(HealthWithRedisDownTests.Factory factory) : IClassFixture<HealthWithRedisDownTests.Factory>
{
    public sealed class Factory : KdFamilyApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() => [new("ConnectionStrings:Redis", $"127.0.0.1:{ClosedPort()}")];

        private static int ClosedPort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port; // closed again when disposed
        }
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/health/ready")]
    public async Task Readiness_WithRedisUnreachable_StaysReadyAndReportsRedisDegraded(string path)
    {
        var (status, body) = await HealthTests.GetHealthAsync(factory, path);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Degraded", body["status"]!.GetValue<string>());
        Assert.Equal("Degraded", body["checks"]!["redis"]!["status"]!.GetValue<string>());
        Assert.Equal("Healthy", body["checks"]!["postgres"]!["status"]!.GetValue<string>());
    }
}
