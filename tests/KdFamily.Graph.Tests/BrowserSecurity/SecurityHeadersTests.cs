using System.Net;
using System.Net.Http.Json;
using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Graph.Tests.Tasks;

namespace KdFamily.Graph.Tests.BrowserSecurity;

/// <summary>Every answer of the real Kestrel host carries the security headers and no <c>Server</c> header.</summary>
public sealed class SecurityHeadersTests(KestrelApiFactory factory) : IClassFixture<KestrelApiFactory>
{
    public static TheoryData<string, string> Requests => new()
    {
        { "GET", "/graphql?query=%7B__typename%7D" },
        { "POST", "/graphql" },
        { "POST", "/api/v1/auth/login" },
        { "GET", "/no-such-page" },
        { "GET", "/health" },
        { "GET", "/openapi/v1.json" },
        { "GET", "/graphql/" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task AnyAnswer_OverPlainHttp_CarriesSecurityHeadersWithoutServerOrHsts(string method, string path)
    {
        using var http = new HttpClient { BaseAddress = factory.Address };
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { });
        }

        using var response = await http.SendAsync(request);

        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Contains("frame-ancestors 'none'", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Server"), $"Server: {Header(response, "Server")}");
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS over plain HTTP");
    }

    [Fact]
    public async Task ApiAnswer_Always_ForbidsLoadingAnything()
    {
        using var http = new HttpClient { BaseAddress = factory.Address };

        using var response = await http.GetAsync(new Uri("/graphql?query=%7B__typename%7D", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("default-src 'none'", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
    }

    internal static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;
}

/// <summary>Behind a TLS-terminating proxy (X-Forwarded-Proto: https from a trusted address) answers carry HSTS.</summary>
public sealed class HstsBehindProxyTests(HstsBehindProxyTests.Factory factory) : IClassFixture<HstsBehindProxyTests.Factory>
{
    public sealed class Factory : KdFamilyApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() => [new("ForwardedHeaders:Enabled", "true")];
    }

    [Fact]
    public async Task Answer_ForwardedAsHttps_CarriesStrictTransportSecurity()
    {
        using var http = new HttpClient { BaseAddress = factory.StartKestrel() };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=%7B__typename%7D");
        request.Headers.Host = "api.example.com";
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("max-age=31536000", SecurityHeadersTests.Header(response, "Strict-Transport-Security"));
    }
}
