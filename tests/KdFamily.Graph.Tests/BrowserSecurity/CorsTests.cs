using System.Net;
using System.Net.Http.Json;
using KdFamily.Graph.Tests.Infrastructure;

namespace KdFamily.Graph.Tests.BrowserSecurity;

/// <summary>Without <c>Cors:AllowedOrigins</c> no other origin may call the API from a browser.</summary>
public sealed class CorsDefaultTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    [Theory]
    [InlineData("/graphql")]
    [InlineData("/api/v1/auth/login")]
    public async Task Preflight_FromAnyOrigin_IsNotAllowed(string path)
    {
        using var client = factory.CreateClient();

        using var response = await client.SendAsync(CorsRequests.Preflight(path, "https://evil.example"));

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}

/// <summary>Origins listed in <c>Cors:AllowedOrigins</c> may call the API with a bearer token (no cookies); nobody else.</summary>
public sealed class CorsAllowListTests(CorsAllowListTests.Factory factory) : IClassFixture<CorsAllowListTests.Factory>
{
    public const string Allowed = "http://localhost:5000";

    public sealed class Factory : KdFamilyApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() => [new("Cors:AllowedOrigins:0", Allowed)];
    }

    [Fact]
    public async Task Preflight_FromListedOrigin_AllowsPostWithAuthorization()
    {
        using var client = factory.CreateClient();

        using var response = await client.SendAsync(CorsRequests.Preflight("/graphql", Allowed));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(Allowed, SecurityHeadersTests.Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("POST", SecurityHeadersTests.Header(response, "Access-Control-Allow-Methods"), StringComparison.Ordinal);
        Assert.Contains("authorization", SecurityHeadersTests.Header(response, "Access-Control-Allow-Headers"), StringComparison.OrdinalIgnoreCase);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task Post_FromListedOrigin_AnswerNamesTheOrigin()
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query = "{ __typename }" }) };
        request.Headers.Add("Origin", Allowed);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Allowed, SecurityHeadersTests.Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Preflight_FromUnlistedOrigin_IsNotAllowed()
    {
        using var client = factory.CreateClient();

        using var response = await client.SendAsync(CorsRequests.Preflight("/graphql", "http://localhost:5001"));

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}

internal static class CorsRequests
{
    public static HttpRequestMessage Preflight(string path, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization, content-type");
        return request;
    }
}
