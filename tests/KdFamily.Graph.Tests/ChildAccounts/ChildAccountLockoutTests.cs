using System.Net;
using System.Text.Json;
using GraphQLServer.Relay;
using KdFamily.Graph.Auth;
using KdFamily.Graph.Tests.Auth;
using KdFamily.Graph.Tests.Infrastructure;
using NodaTime;

namespace KdFamily.Graph.Tests.ChildAccounts;

/// <summary>
/// The PIN lockout with its defaults (5 wrong PINs in a row → locked 15 minutes), kept in PostgreSQL: answers, Retry-After,
/// racing attempts, expiry on the host's clock, parent unlock and PIN reset, and a second instance on the same database.
/// </summary>
public sealed class ChildAccountLockoutTests(AdjustableClockApiFactory factory) : IClassFixture<AdjustableClockApiFactory>
{
    private const string Pin = "4321";
    private const string WrongPin = "1111";
    private const int LockSeconds = 15 * 60;

    private HttpClient Client() => new() { BaseAddress = factory.KestrelAddress };

    [Fact]
    public async Task Login_AfterFiveWrongPins_IsLockedWithRetryAfterAndRefusesTheRightPinToo()
    {
        using var client = Client();
        var family = await ChildFamily.FoundAsync(client);
        var (id, child) = await family.CreateChildAsync(client, Pin);

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal((HttpStatusCode.Unauthorized, AuthProblems.InvalidCredentials), Status(await client.LoginWithHeadersAsync(child, WrongPin)));
        }

        var fifth = await client.LoginWithHeadersAsync(child, WrongPin);
        var right = await client.LoginWithHeadersAsync(child, Pin);

        Assert.Equal((HttpStatusCode.Locked, AuthProblems.AccountLocked), Status(fifth));
        Assert.InRange(fifth.RetryAfter!.Value, LockSeconds - 5, LockSeconds);
        Assert.Equal((HttpStatusCode.Locked, AuthProblems.AccountLocked), Status(right));
        Assert.InRange(right.RetryAfter!.Value, LockSeconds - 10, LockSeconds);
        var user = await factory.LoadUserAsync(id);
        Assert.Equal(5, user.PinFailedAttempts);
        Assert.NotNull(user.PinLockedUntil);
        var audit = await factory.AuditOfAsync(user.Id);
        Assert.Single(audit, a => a.Action == "child_account.locked");
        Assert.DoesNotContain(audit, a => a.Action == "auth.login_succeeded");
    }

    [Fact]
    public async Task Login_With20WrongPinsInParallel_ChecksAtMostFivePinsAndLocks()
    {
        using var client = Client();
        var family = await ChildFamily.FoundAsync(client);
        var (id, child) = await family.CreateChildAsync(client, Pin);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.LoginWithHeadersAsync(child, WrongPin)));

        Assert.Equal(4, answers.Count(a => Status(a) == (HttpStatusCode.Unauthorized, AuthProblems.InvalidCredentials)));
        Assert.Equal(16, answers.Count(a => Status(a) == (HttpStatusCode.Locked, AuthProblems.AccountLocked) && a.RetryAfter > 0));
        var user = await factory.LoadUserAsync(id);
        Assert.Equal(5, user.PinFailedAttempts);
        var audit = await factory.AuditOfAsync(user.Id);
        Assert.Equal(5, audit.Count(a => a.Action == "auth.login_failed" && Has(a.Details, "pinChecked")));
        Assert.Equal(15, audit.Count(a => a.Action == "auth.login_failed" && Has(a.Details, "lockedUntil")));
        Assert.Single(audit, a => a.Action == "child_account.locked");
        Assert.Equal((HttpStatusCode.Locked, AuthProblems.AccountLocked), Status(await client.LoginWithHeadersAsync(child, Pin)));
    }

    [Fact]
    public async Task Login_OnceTheLockHasRunOut_AcceptsThePinAndCountsAfresh()
    {
        using var client = Client();
        var family = await ChildFamily.FoundAsync(client);
        var (_, child) = await family.CreateChildAsync(client, Pin);
        await LockAsync(client, child);
        try
        {
            factory.Offset = Duration.FromMinutes(14);
            var late = await client.LoginWithHeadersAsync(child, Pin);
            Assert.Equal((HttpStatusCode.Locked, AuthProblems.AccountLocked), Status(late));
            Assert.InRange(late.RetryAfter!.Value, 50, 60);

            factory.Offset = Duration.FromMinutes(15) + Duration.FromSeconds(1);
            Assert.Equal(HttpStatusCode.OK, (await client.LoginWithHeadersAsync(child, Pin)).Status);
            await LockAsync(client, child);
            Assert.Equal((HttpStatusCode.Locked, AuthProblems.AccountLocked), Status(await client.LoginWithHeadersAsync(child, Pin)));

            // An expired lock that nobody cleared by signing in starts a fresh count: four more failures are only failures.
            factory.Offset = Duration.FromMinutes(31);
            for (var i = 0; i < 4; i++)
            {
                Assert.Equal((HttpStatusCode.Unauthorized, AuthProblems.InvalidCredentials), Status(await client.LoginWithHeadersAsync(child, WrongPin)));
            }

            Assert.Equal(HttpStatusCode.OK, (await client.LoginWithHeadersAsync(child, Pin)).Status);
        }
        finally
        {
            factory.Offset = Duration.Zero;
        }
    }

    [Fact]
    public async Task UnlockChildAccount_ByAParent_LetsThePinSignInAgain()
    {
        using var client = Client();
        var family = await ChildFamily.FoundAsync(client);
        var (id, child) = await family.CreateChildAsync(client, Pin);
        await LockAsync(client, child);

        var payload = await client.MutateAsync(family.AdvisorToken, ChildFamily.UnlockMutation, "unlockChildAccount", new { userId = id });

        Assert.True(payload["errors"] is null, payload.ToJsonString());
        Assert.Equal(id, payload["user"].Str("id"));
        Assert.Equal(HttpStatusCode.OK, (await client.LoginWithHeadersAsync(child, Pin)).Status);
        var audit = await factory.AuditOfAsync(GlobalId.Decode(id, "User")!.Value);
        Assert.Contains(audit, a => a.Action == "child_account.unlocked" && Property(a.Details, "wasLocked") == "true");
    }

    [Fact]
    public async Task ResetChildPin_UnlocksEndsTheChildsSessionsAndOnlyTheNewPinSignsIn()
    {
        using var client = Client();
        var family = await ChildFamily.FoundAsync(client);
        var (id, child) = await family.CreateChildAsync(client, Pin);
        var (_, signedIn, _) = await client.LoginAsync(child, Pin);
        var childToken = signedIn!.Str("accessToken");
        Assert.NotNull((await client.PostGraphQLAsync("{ me { id } }", accessToken: childToken))["data"]!["me"]);
        await LockAsync(client, child);

        var payload = await client.MutateAsync(family.AdvisorToken, ChildFamily.ResetPinMutation, "resetChildPin", new { userId = id, pin = "97531" });

        Assert.True(payload["errors"] is null, payload.ToJsonString());
        var stale = await client.PostGraphQLAsync("{ me { id } }", accessToken: childToken);
        Assert.Equal("AUTH_NOT_AUTHENTICATED", stale["errors"]![0]!["extensions"].Str("code"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAuthAsync("refresh", new { refreshToken = signedIn.Str("refreshToken") })).Status);
        Assert.Equal((HttpStatusCode.Unauthorized, AuthProblems.InvalidCredentials), Status(await client.LoginWithHeadersAsync(child, Pin)));
        Assert.Equal(HttpStatusCode.OK, (await client.LoginWithHeadersAsync(child, "97531")).Status);
        var audit = await factory.AuditOfAsync(GlobalId.Decode(id, "User")!.Value);
        Assert.Contains(audit, a => a.Action == "child_account.pin_reset" && Property(a.Details, "revokedSessions") == "1" && Property(a.Details, "unlocked") == "true");
    }

    [Fact]
    public async Task Lock_HoldsOnAnotherInstanceOfTheSameDatabase()
    {
        using var client = Client();
        var family = await ChildFamily.FoundAsync(client);
        var (_, child) = await family.CreateChildAsync(client, Pin);
        await LockAsync(client, child);
        await using var other = new KdFamilyApiFactory();
        other.UseDatabaseOf(factory);
        using var otherClient = other.CreateClient();

        var answer = await otherClient.LoginWithHeadersAsync(child, Pin);

        Assert.Equal((HttpStatusCode.Locked, AuthProblems.AccountLocked), Status(answer));
        Assert.InRange(answer.RetryAfter!.Value, LockSeconds - 30, LockSeconds);
    }

    private static async Task LockAsync(HttpClient client, string child)
    {
        for (var i = 0; i < 5; i++)
        {
            await client.LoginWithHeadersAsync(child, WrongPin);
        }

        Assert.Equal(HttpStatusCode.Locked, (await client.LoginWithHeadersAsync(child, WrongPin)).Status);
    }

    private static (HttpStatusCode, string?) Status((HttpStatusCode Status, string? Code, int? RetryAfter) answer) => (answer.Status, answer.Code);

    private static bool Has(string? details, string property) => Property(details, property) is not null;

    private static string? Property(string? details, string property) =>
        details is not null && JsonDocument.Parse(details).RootElement.TryGetProperty(property, out var value) ? value.GetRawText() : null;
}
