using System.Net;
using GraphQLServer.Relay;
using KdFamily.Graph.Auth;
using KdFamily.Graph.Tests.Auth;
using KdFamily.Graph.Tests.Infrastructure;

namespace KdFamily.Graph.Tests.ChildAccounts;

/// <summary>createChildAccount, then sign-in with username and PIN over the real host: what a PIN opens and what it doesn't.</summary>
public sealed class ChildAccountLoginTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    private HttpClient Client() => new() { BaseAddress = factory.KestrelAddress };

    [Fact]
    public async Task CreateChildAccount_ThenLoginWithUsernameAndPin_GivesATokenThatWorks()
    {
        using var client = Client();
        var family = await ChildFamily.FoundAsync(client);
        var username = AuthApiClient.NewName("Mia");

        var payload = await client.MutateAsync(family.AdvisorToken, ChildFamily.CreateMutation, "createChildAccount", new { username, fullName = " Mia K ", pin = "0427" });

        Assert.True(payload["errors"] is null, payload.ToJsonString());
        var user = payload["user"]!;
        Assert.Equal((username.ToLowerInvariant(), "Mia K", "MEMBER", true), (user.Str("username"), user.Str("fullName"), user.Str("role"), user["isChildAccount"]!.GetValue<bool>()));
        Assert.Null(user["email"]);
        var (status, body, _) = await client.LoginAsync(username.ToUpperInvariant(), "0427");
        Assert.True(status == HttpStatusCode.OK, $"{(int)status}: {body}");
        Assert.Equal(user.Str("id"), body!["user"].Str("id"));
        var me = await client.PostGraphQLAsync("{ me { id username email isChildAccount role family { inviteCode } } }", accessToken: body.Str("accessToken"));
        Assert.Equal(user.Str("id"), me["data"]!["me"].Str("id"));
        Assert.True(me["data"]!["me"]!["isChildAccount"]!.GetValue<bool>());
        Assert.Null(me["data"]!["me"]!["email"]);
        var childId = GlobalId.Decode(user.Str("id"), "User")!.Value;
        var audit = await factory.AuditOfAsync(childId);
        Assert.Contains(audit, a => a.Action == "child_account.created");
        Assert.Contains(audit, a => a.Action == "auth.login_succeeded");
    }

    [Fact]
    public async Task Members_SeeWhetherAFamilyMemberIsAChildAccount()
    {
        using var client = Client();
        var family = await ChildFamily.FoundAsync(client);
        var (childId, _) = await family.CreateChildAsync(client, "1234");

        var members = await client.PostGraphQLAsync("{ me { family { members { id username isChildAccount } } } }", accessToken: family.AdvisorToken);

        var listed = members["data"]!["me"]!["family"]!["members"]!.AsArray()
            .ToDictionary(m => m.Str("id"), m => m!["isChildAccount"]!.GetValue<bool>());
        Assert.Equal(2, listed.Count);
        Assert.True(listed[childId]);
        Assert.Single(listed, m => !m.Value);
    }

    [Theory]
    [InlineData("123", "pin")]
    [InlineData("123456789", "pin")]
    [InlineData("12a4", "pin")]
    [InlineData("", "pin")]
    public async Task CreateChildAccount_WithABadPin_IsAValidationErrorOnPin(string pin, string field)
    {
        using var client = Client();
        var family = await ChildFamily.FoundAsync(client);

        var payload = await client.MutateAsync(family.AdvisorToken, ChildFamily.CreateMutation, "createChildAccount", new { username = AuthApiClient.NewName("kid"), fullName = "Kid", pin });

        Assert.Null(payload["user"]);
        var error = payload["errors"]![0]!;
        Assert.Equal(("ValidationError", "VALIDATION_ERROR", field), (error.Str("__typename"), error.Str("code"), error.Str("field")));
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("with space")]
    [InlineData("kid@example.test")]
    public async Task CreateChildAccount_WithABadUsername_IsAValidationErrorOnUsername(string username)
    {
        using var client = Client();
        var family = await ChildFamily.FoundAsync(client);

        var payload = await client.MutateAsync(family.AdvisorToken, ChildFamily.CreateMutation, "createChildAccount", new { username, fullName = "Kid", pin = "1234" });

        Assert.Equal(("VALIDATION_ERROR", "username"), (payload["errors"]![0].Str("code"), payload["errors"]![0].Str("field")));
    }

    [Fact]
    public async Task CreateChildAccount_WithAUsernameTakenInAnyCaseAnywhere_IsUsernameTaken()
    {
        using var client = Client();
        var family = await ChildFamily.FoundAsync(client);
        var other = await ChildFamily.FoundAsync(client);
        var (_, childName) = await other.CreateChildAsync(client, "1234");

        foreach (var taken in new[] { family.AdvisorName.ToUpperInvariant(), other.AdvisorName, childName.ToUpperInvariant() })
        {
            var payload = await client.MutateAsync(family.AdvisorToken, ChildFamily.CreateMutation, "createChildAccount", new { username = taken, fullName = "Kid", pin = "1234" });

            Assert.Equal(("UsernameTakenError", "CONFLICT_USERNAME_TAKEN"), (payload["errors"]![0].Str("__typename"), payload["errors"]![0].Str("code")));
        }
    }

    [Fact]
    public async Task CreateChildAccount_ConcurrentlyWithOneUsername_CreatesOneAndTheOthersAreUsernameTaken()
    {
        using var client = Client();
        var family = await ChildFamily.FoundAsync(client);
        var username = AuthApiClient.NewName("twin");

        var payloads = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            client.MutateAsync(family.AdvisorToken, ChildFamily.CreateMutation, "createChildAccount", new { username, fullName = "Twin", pin = "1234" })));

        Assert.Single(payloads, p => p["errors"] is null);
        Assert.All(payloads.Where(p => p["errors"] is not null), p => Assert.Equal("CONFLICT_USERNAME_TAKEN", p["errors"]![0].Str("code")));
    }

    [Fact]
    public async Task CreateChildAccount_ByAMember_IsNotAuthorized()
    {
        using var client = Client();
        var family = await ChildFamily.FoundAsync(client);
        var memberName = AuthApiClient.NewName("member");
        var member = await client.RegisterAsync(memberName, family.InviteCode);

        var response = await client.PostGraphQLAsync(ChildFamily.CreateMutation, new { input = new { username = AuthApiClient.NewName("kid"), fullName = "Kid", pin = "1234" } }, member.Str("accessToken"));

        Assert.Equal("AUTH_NOT_AUTHORIZED", response["errors"]![0]!["extensions"].Str("code"));
    }

    [Fact]
    public async Task Login_WithTheChildsPinOnTheParentsAccount_IsRefused()
    {
        using var client = Client();
        var family = await ChildFamily.FoundAsync(client);
        await family.CreateChildAsync(client, "12345678");

        (await client.LoginAsync(family.AdvisorName, "12345678")).AssertProblem(HttpStatusCode.Unauthorized, AuthProblems.InvalidCredentials);
        (await client.LoginAsync($"{family.AdvisorName}@example.test", "12345678")).AssertProblem(HttpStatusCode.Unauthorized, AuthProblems.InvalidCredentials);
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync(family.AdvisorName, AuthApiClient.Password)).Status);
    }

    [Fact]
    public async Task Login_OfAChildAccountWithAnythingButItsPin_IsRefused()
    {
        using var client = Client();
        var family = await ChildFamily.FoundAsync(client);
        var (_, child) = await family.CreateChildAsync(client, "2468");

        // Four: a fifth wrong one would lock the account.
        foreach (var wrong in new[] { AuthApiClient.Password, "02468", "2468 ", "twothousand" })
        {
            (await client.LoginAsync(child, wrong)).AssertProblem(HttpStatusCode.Unauthorized, AuthProblems.InvalidCredentials);
        }

        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync(child, "2468")).Status);
    }

    [Fact]
    public async Task Login_AfterSuccess_CountsFailuresFromZeroAgain()
    {
        using var client = Client();
        var family = await ChildFamily.FoundAsync(client);
        var (id, child) = await family.CreateChildAsync(client, "1357");

        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 4; i++)
            {
                (await client.LoginAsync(child, "0000")).AssertProblem(HttpStatusCode.Unauthorized, AuthProblems.InvalidCredentials);
            }

            Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync(child, "1357")).Status);
        }

        Assert.Equal(0, (await factory.LoadUserAsync(id)).PinFailedAttempts);
    }
}
