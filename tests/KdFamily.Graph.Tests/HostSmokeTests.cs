using System.Net;
using KdFamily.Graph.Tests.Infrastructure;

namespace KdFamily.Graph.Tests;

public sealed class HostSmokeTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    [Fact]
    public async Task Root_WhenRequested_RedirectsToGraphQL()
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/graphql", response.Headers.Location?.ToString());
    }
}
