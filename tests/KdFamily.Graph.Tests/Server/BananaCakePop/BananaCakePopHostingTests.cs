using System.Net;
using System.Text.Json.Nodes;
using KdFamily.Graph.Tests.Infrastructure;

namespace KdFamily.Graph.Tests.Server.BananaCakePop;

/// <summary>How /graphql tells a browser (the IDE) from a GraphQL client, and the files served beside the IDE.</summary>
public sealed class BananaCakePopHostingTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    public async Task GraphQL_FromBrowser_RedirectsToIde(string method)
    {
        using var response = await SendAsync(new HttpMethod(method), "/graphql", BrowserAccept);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/graphql/", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task GraphQL_FromBrowserWithQueryParameter_RunsTheQuery()
    {
        using var response = await SendAsync(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("{ __typename }"), BrowserAccept);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Query", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["data"]!["__typename"]!.GetValue<string>());
    }

    [Fact]
    public async Task GraphQL_GetWithoutHtmlAccept_IsAGraphQLRequest()
    {
        using var response = await SendAsync(HttpMethod.Get, "/graphql", "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("QUERY_MISSING", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ide_Index_ServesTheIdeHtml()
    {
        using var response = await SendAsync(HttpMethod.Get, "/graphql/", BrowserAccept);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<div id=\"root\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ide_StaticAsset_IsServedLocallyAndCachedImmutably()
    {
        using var index = await SendAsync(HttpMethod.Get, "/graphql/", BrowserAccept);
        var html = await index.Content.ReadAsStringAsync();
        var script = System.Text.RegularExpressions.Regex.Match(html, "src=\"(static/js/main\\.[0-9a-f]+\\.js)\"").Groups[1].Value;
        Assert.NotEmpty(script);

        using var response = await SendAsync(HttpMethod.Get, "/graphql/" + script, "*/*");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ide_Config_PointsAtTheEndpoint()
    {
        using var response = await SendAsync(HttpMethod.Get, "/graphql/bcp-config.json", "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var config = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("KD Family", config["title"]!.GetValue<string>());
        Assert.Equal("/graphql", config["endpoint"]!.GetValue<string>());
        Assert.True(config["useBrowserUrlAsEndpoint"]!.GetValue<bool>());
        Assert.True(config["disableTelemetry"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Ide_License_IsServedBesideIt()
    {
        using var response = await SendAsync(HttpMethod.Get, "/graphql/LICENSE", "*/*");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("ChilliCream License", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GraphQL_Sdl_ReturnsThePrintedSchema()
    {
        using var response = await SendAsync(HttpMethod.Get, "/graphql?sdl", BrowserAccept);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var sdl = await response.Content.ReadAsStringAsync();
        Assert.Contains("type Query {", sdl, StringComparison.Ordinal);
        Assert.Contains("me: User", sdl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ide_UnknownFile_Returns404()
    {
        using var response = await SendAsync(HttpMethod.Get, "/graphql/static/js/nope.js", "*/*");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string uri, string accept)
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Accept.ParseAdd(accept);
        return await client.SendAsync(request);
    }
}
