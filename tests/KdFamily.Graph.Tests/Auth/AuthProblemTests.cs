using System.Net;
using System.Text;
using KdFamily.Graph.Auth;
using KdFamily.Graph.Tests.Infrastructure;

namespace KdFamily.Graph.Tests.Auth;

/// <summary>Unreadable requests get RFC 9457 problems with a code, never an empty 400 or a stack trace.</summary>
public sealed class AuthProblemTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    [Theory]
    [InlineData("{\"login\": ", "INVALID_JSON")]
    [InlineData("not json at all", "INVALID_JSON")]
    [InlineData("{\"login\": 42, \"password\": \"x\"}", "MALFORMED_REQUEST")]
    [InlineData("[\"login\"]", "MALFORMED_REQUEST")]
    public async Task Login_WithUnreadableJson_ReturnsInvalidJsonOrMalformedRequestProblem(string json, string code)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/auth/login", UriKind.Relative))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };

        var problem = (await AuthApiClient.SendAsync(client, request)).AssertProblem(HttpStatusCode.BadRequest, code);

        Assert.DoesNotContain("   at ", problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Login_WithBodyOverTheLimit_ReturnsRequestTooLargeProblemWithoutReadingIt(bool declaresLength)
    {
        using var client = factory.CreateClient();
        var padding = new string('a', Extensions.ProblemDetailsExtensions.MaxApiBodyBytes);
        var json = $"{{\"login\": \"{padding}\", \"password\": \"x\"}}";
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        if (!declaresLength)
        {
            content.Headers.ContentLength = null;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/auth/login", UriKind.Relative)) { Content = content };
        if (!declaresLength)
        {
            request.Headers.TransferEncodingChunked = true;
        }

        (await AuthApiClient.SendAsync(client, request)).AssertProblem(HttpStatusCode.RequestEntityTooLarge, "REQUEST_TOO_LARGE");
    }

    [Fact]
    public async Task Login_WithNonJsonContentType_ReturnsUnsupportedMediaTypeProblem()
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/auth/login", UriKind.Relative))
        {
            Content = new StringContent("login=a&password=b", Encoding.UTF8, "application/x-www-form-urlencoded"),
        };

        (await AuthApiClient.SendAsync(client, request)).AssertProblem(HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
    }

    [Fact]
    public async Task Register_WithValidationErrors_AnswersValidationProblemShape()
    {
        using var client = factory.CreateClient();

        var problem = (await client.PostAuthAsync("register", new { username = "x" }))
            .AssertProblem(HttpStatusCode.BadRequest, AuthProblems.ValidationError);

        Assert.Equal("https://tools.ietf.org/html/rfc9110#section-15.5.1", problem.Str("type"));
        Assert.IsType<System.Text.Json.Nodes.JsonArray>(problem["errors"]!["username"]);
    }
}

/// <summary>Login, register and forgot-password are rate-limited per client address.</summary>
public sealed class AuthRateLimitTests(AuthRateLimitTests.Factory factory) : IClassFixture<AuthRateLimitTests.Factory>
{
    public sealed class Factory : KdFamilyApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        [
            new("Auth:RateLimitPermitLimit", "2"),
            new("Auth:RateLimitWindow", "01:00:00"),
        ];
    }

    [Fact]
    public async Task Login_OverTheLimit_ReturnsRateLimitedProblem()
    {
        using var client = factory.CreateClient();
        for (var i = 0; i < 2; i++)
        {
            (await client.PostAuthAsync("login", new { login = "nobody", password = "whatever1" }))
                .AssertProblem(HttpStatusCode.Unauthorized, AuthProblems.InvalidCredentials);
        }

        (await client.PostAuthAsync("login", new { login = "nobody", password = "whatever1" }))
            .AssertProblem(HttpStatusCode.TooManyRequests, AuthProblems.RateLimited);
        (await client.PostAuthAsync("LOGIN/", new { login = "nobody", password = "whatever1" }))
            .AssertProblem(HttpStatusCode.TooManyRequests, AuthProblems.RateLimited);

        // Refresh is not limited by the login budget.
        (await client.PostAuthAsync("refresh", new { refreshToken = "unknown" }))
            .AssertProblem(HttpStatusCode.Unauthorized, AuthProblems.RefreshTokenInvalid);
    }
}
