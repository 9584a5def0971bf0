using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Graph.Tests.Server.Limits;
using Xunit.Abstractions;

namespace KdFamily.Graph.Tests.Auth;

/// <summary>
/// Issue 7 item 6: the auth endpoints that take an address or login must not answer faster or slower when it names an
/// account. Measured on a real Kestrel socket, many requests each way, interleaved so drift hits both sides alike;
/// the medians must agree within a generous tolerance (half the faster median, at least 0.5 ms), which the observed
/// 8.5 ms vs 2.0 ms of forgot-password breaks, as does the 2.1 ms vs 0.8 ms it measured here before its fix. Runs in the measured-alone collection to keep noise down.
/// </summary>
[Collection(ServerCostMeasuredAlone.Name)]
public sealed class AuthTimingTests(AuthTimingTests.QuietQueueApiFactory factory, ITestOutputHelper output) : IClassFixture<AuthTimingTests.QuietQueueApiFactory>
{
    private const int Accounts = 5;

    /// <summary>A host whose reset queue waits a minute, so no batch runs (and adds statements) while a test measures.</summary>
    public sealed class QuietQueueApiFactory : KdFamilyApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() => [new("Auth:PasswordResetQueueInterval", "00:01:00")];
    }

    /// <summary>The structural side of the same fact: the request runs the very same SQL whether or not the account exists.</summary>
    [Fact]
    public async Task ForgotPassword_ForExistingAndUnknownAddresses_RunsTheSameStatements()
    {
        using var client = new HttpClient { BaseAddress = factory.KestrelAddress };
        var existing = await RegisterAccountsAsync(client);
        using var counter = new SqlStatementCounter(factory.PostgresConnectionString);

        using (var response = await client.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email = $"{existing[0]}@example.test" }))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        var known = counter.Statements.ToList();
        counter.Reset();
        using (var response = await client.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email = $"{AuthApiClient.NewName("nobody")}@example.test" }))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        var unknown = counter.Statements.ToList();
        output.WriteLine(string.Join("\n", known));
        Assert.NotEmpty(known);
        Assert.Equal(known, unknown);
    }

    [Fact]
    public async Task ForgotPassword_ForExistingAndUnknownAddresses_TakesTheSameTime()
    {
        using var client = new HttpClient { BaseAddress = factory.KestrelAddress };
        var existing = await RegisterAccountsAsync(client);

        var (known, unknown) = await MeasureAsync(
            100,
            i => client.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email = $"{existing[i % Accounts]}@example.test" }),
            _ => client.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email = $"{AuthApiClient.NewName("nobody")}@example.test" }),
            HttpStatusCode.Accepted);

        AssertSameTime("forgot-password", known, unknown);
    }

    [Fact]
    public async Task Login_WithWrongPasswordForExistingAndUnknownLogins_TakesTheSameTime()
    {
        using var client = new HttpClient { BaseAddress = factory.KestrelAddress };
        var existing = await RegisterAccountsAsync(client);

        var (known, unknown) = await MeasureAsync(
            20,
            i => client.PostAsJsonAsync("/api/v1/auth/login", new { login = existing[i % Accounts], password = "not the password" }),
            _ => client.PostAsJsonAsync("/api/v1/auth/login", new { login = AuthApiClient.NewName("nobody"), password = "not the password" }),
            HttpStatusCode.Unauthorized);

        AssertSameTime("login", known, unknown);
    }

    private static async Task<string[]> RegisterAccountsAsync(HttpClient client)
    {
        var names = Enumerable.Range(0, Accounts).Select(_ => AuthApiClient.NewName("timed")).ToArray();
        foreach (var name in names)
        {
            await client.RegisterAsync(name);
        }

        return names;
    }

    /// <summary>Warms both paths up, then times <paramref name="rounds"/> requests each way, alternating which goes first.</summary>
    private static async Task<(double KnownMs, double UnknownMs)> MeasureAsync(
        int rounds, Func<int, Task<HttpResponseMessage>> known, Func<int, Task<HttpResponseMessage>> unknown, HttpStatusCode expected)
    {
        for (var i = 0; i < 10; i++)
        {
            await TimeAsync(known, i, expected);
            await TimeAsync(unknown, i, expected);
        }

        var knownTimes = new List<double>();
        var unknownTimes = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            if (i % 2 == 0)
            {
                knownTimes.Add(await TimeAsync(known, i, expected));
                unknownTimes.Add(await TimeAsync(unknown, i, expected));
            }
            else
            {
                unknownTimes.Add(await TimeAsync(unknown, i, expected));
                knownTimes.Add(await TimeAsync(known, i, expected));
            }
        }

        return (Median(knownTimes), Median(unknownTimes));
    }

    private static async Task<double> TimeAsync(Func<int, Task<HttpResponseMessage>> send, int i, HttpStatusCode expected)
    {
        var watch = Stopwatch.StartNew();
        using var response = await send(i);
        await response.Content.ReadAsByteArrayAsync();
        watch.Stop();
        Assert.Equal(expected, response.StatusCode);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
    }

    private void AssertSameTime(string endpoint, double knownMs, double unknownMs)
    {
        output.WriteLine($"{endpoint}: median {knownMs:F2} ms for existing accounts, {unknownMs:F2} ms for unknown ones");
        var tolerance = Math.Max(0.5, 0.5 * Math.Min(knownMs, unknownMs));
        Assert.True(
            Math.Abs(knownMs - unknownMs) <= tolerance,
            $"{endpoint} answers in {knownMs:F2} ms (median) for existing accounts but {unknownMs:F2} ms for unknown ones (tolerance {tolerance:F2} ms)");
    }
}
