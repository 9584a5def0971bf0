using System.Net;
using System.Net.Http.Json;
using KdFamily.Graph.Auth;
using KdFamily.Graph.Tests.Auth;

namespace KdFamily.Graph.Tests.Limits;

/// <summary>
/// Per-address and per-account budgets of the auth facade and the login lockout, over real HTTP and shared through
/// Redis by every instance of a deployment.
/// </summary>
public sealed class AuthLimitsTests(AuthLimitsTests.Factory factory) : IClassFixture<AuthLimitsTests.Factory>
{
    public const int PerAddress = 4;
    public const int PerAccount = 5;
    public const int LockoutThreshold = 3;

    public sealed class Factory : LimitedApiFactory
    {
        protected override IReadOnlyDictionary<string, string?> Limits => new Dictionary<string, string?>
        {
            ["Auth:RateLimitPermitLimit"] = PerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Auth:RateLimitWindow"] = "01:00:00",
            ["Auth:AccountRateLimitPermitLimit"] = PerAccount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Auth:AccountRateLimitWindow"] = "01:00:00",
            ["Auth:LockoutThreshold"] = LockoutThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Auth:LockoutWindow"] = "01:00:00",
            ["Auth:LockoutDuration"] = "00:30:00",
            // Each test comes from an address of its own (127.0.0.x), as a client behind the trusted loopback proxy.
            ["ForwardedHeaders:Enabled"] = "true",
        };
    }

    [Theory]
    [InlineData("refresh")]
    [InlineData("reset-password")]
    [InlineData("change-password")]
    [InlineData("login")]
    [InlineData("register")]
    public async Task Endpoint_OverItsPerAddressBudget_Answers429WithRetryAfter(string endpoint)
    {
        using var client = ClientFrom(NewAddress());
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i <= PerAddress; i++)
        {
            last?.Dispose();
            // A different account each time, so only the address's budget is spent.
            last = await client.PostAsJsonAsync(new Uri($"/api/v1/auth/{endpoint}", UriKind.Relative), BodyFor(endpoint, i));
            statuses.Add(last.StatusCode);
        }

        using var refused = last!;
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses[..PerAddress]);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[PerAddress]);
        await AssertRateLimitedAsync(refused);
    }

    [Fact]
    public async Task ForgotPassword_OneAddressFromManyClients_IsLimitedPerAccount()
    {
        // E-mail bombing: many addresses asking for resets of one account.
        var email = $"victim-{Guid.NewGuid():N}@example.test";
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= PerAccount; i++)
        {
            using var client = ClientFrom(NewAddress());
            statuses.Add((await client.PostAuthAsync("forgot-password", new { email })).Status);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Accepted, PerAccount), HttpStatusCode.TooManyRequests], statuses);
        using var other = ClientFrom(NewAddress());
        Assert.Equal(HttpStatusCode.Accepted, (await other.PostAuthAsync("forgot-password", new { email = "x" + email })).Status);
    }

    [Fact]
    public async Task Login_AfterRepeatedFailures_LocksTheAccountEvenForTheRightPassword()
    {
        using var setup = ClientFrom(NewAddress());
        var username = AuthApiClient.NewName("locked");
        await setup.RegisterAsync(username);
        var bystander = AuthApiClient.NewName("free");
        await setup.RegisterAsync(bystander);

        for (var i = 0; i < LockoutThreshold; i++)
        {
            using var attacker = ClientFrom(NewAddress());
            (await attacker.PostAuthAsync("login", new { login = username, password = "wrong password " + i }))
                .AssertProblem(HttpStatusCode.Unauthorized, AuthProblems.InvalidCredentials);
        }

        using var owner = ClientFrom(NewAddress());
        using var locked = await owner.PostAsJsonAsync(new Uri("/api/v1/auth/login", UriKind.Relative), new { login = username, password = AuthApiClient.Password });
        await AssertRateLimitedAsync(locked);
        Assert.InRange(int.Parse(locked.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture), 60, 1800);

        await owner.LoginAsync(bystander);
    }

    [Fact]
    public async Task Login_TwoInstancesSharingRedis_ShareTheAddressBudgetAndTheLockout()
    {
        await using var second = factory.Twin<Factory>();
        _ = second.Address;
        var address = NewAddress();
        using var first = ClientFrom(address);
        using var other = ClientFrom(address, second.Address);

        // Alternating between the instances: each alone saw only half of the attempts.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= PerAddress; i++)
        {
            var client = i % 2 == 0 ? first : other;
            statuses.Add((await client.PostAuthAsync("login", new { login = $"nobody-{Guid.NewGuid():N}", password = "whatever1" })).Status);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, PerAddress), HttpStatusCode.TooManyRequests], statuses);

        var username = AuthApiClient.NewName("shared");
        using (var setup = ClientFrom(NewAddress()))
        {
            await setup.RegisterAsync(username);
        }

        for (var i = 0; i < LockoutThreshold; i++)
        {
            using var attacker = ClientFrom(NewAddress());
            (await attacker.PostAuthAsync("login", new { login = username, password = "wrong password " + i })).AssertProblem(HttpStatusCode.Unauthorized, AuthProblems.InvalidCredentials);
        }

        using var owner = ClientFrom(NewAddress(), second.Address);
        (await owner.PostAuthAsync("login", new { login = username, password = AuthApiClient.Password }))
            .AssertProblem(HttpStatusCode.TooManyRequests, AuthProblems.RateLimited);
    }

    [Fact]
    public async Task Metrics_AfterARefusal_CountItByLimit()
    {
        using var client = ClientFrom(NewAddress());
        for (var i = 0; i <= PerAddress; i++)
        {
            await client.PostAuthAsync("refresh", new { refreshToken = "unknown-" + i });
        }

        var metrics = await Infrastructure.KdFamilyApiFactory.GetMetricsAsync(client);
        Assert.Matches("kdfamily_rate_limited_total\\{limit=\"auth_refresh_ip\"\\} [1-9]", metrics);
    }

    internal static async Task AssertRateLimitedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 }, $"Retry-After: {response.Headers.RetryAfter}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>();
        Assert.Equal(AuthProblems.RateLimited, body!.Str("code"));
    }

    private static object BodyFor(string endpoint, int i) => endpoint switch
    {
        "refresh" => new { refreshToken = $"unknown-{i}" },
        "reset-password" => new { token = $"unknown-{i}", newPassword = "a new password" },
        "change-password" => new { currentPassword = $"wrong-{i}", newPassword = "a new password" },
        "login" => new { login = $"nobody-{Guid.NewGuid():N}", password = "whatever1" },
        _ => new { username = AuthApiClient.NewName("r"), email = $"{Guid.NewGuid():N}@example.test", password = AuthApiClient.Password, fullName = "R", familyName = "F" },
    };

    private static int _nextAddress = 10;

    private static IPAddress NewAddress() => IPAddress.Parse($"127.9.{Interlocked.Increment(ref _nextAddress) / 250}.{_nextAddress % 250}");

    /// <summary>A client that the host sees as <paramref name="address"/> (X-Forwarded-For from loopback, a trusted proxy).</summary>
    private HttpClient ClientFrom(IPAddress address, Uri? baseAddress = null)
    {
        var client = new HttpClient { BaseAddress = baseAddress ?? factory.Address };
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address.ToString());
        return client;
    }
}
