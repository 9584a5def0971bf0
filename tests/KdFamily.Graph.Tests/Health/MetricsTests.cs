using System.Net;
using KdFamily.Graph.Tests.Infrastructure;

namespace KdFamily.Graph.Tests.Health;

public sealed class MetricsTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    [Fact]
    public async Task Metrics_AfterARequest_ServesPrometheusTextWithHttpMetrics()
    {
        using var client = factory.CreateClient();
        (await client.GetAsync(new Uri("/health", UriKind.Relative))).Dispose();

        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("# TYPE http_request_duration_seconds histogram", text, StringComparison.Ordinal);
        Assert.Contains("endpoint=\"/health\"", text, StringComparison.Ordinal);
    }
}
