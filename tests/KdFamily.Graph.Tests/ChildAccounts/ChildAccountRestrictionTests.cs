using System.Net;
using GraphQLServer.Relay;
using KdFamily.Application.Auth;
using KdFamily.Domain.Auth;
using KdFamily.Domain.Data;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.Tests.Auth;
using KdFamily.Graph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace KdFamily.Graph.Tests.ChildAccounts;

/// <summary>
/// What a child account cannot do to itself (role, PIN, password, e-mail address), and who may manage a child account:
/// the parents and advisors of its own family, nobody else.
/// </summary>
public sealed class ChildAccountRestrictionTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    private const string Pin = "8642";

    private HttpClient Client() => new() { BaseAddress = factory.KestrelAddress };

    [Fact]
    public async Task ChangePassword_ForAChildAccount_IsChildAccountRestricted()
    {
        using var client = Client();
        var (_, _, childName, childToken) = await ChildSignedInAsync(client);

        var answer = await client.PostAuthAsync("change-password", new { currentPassword = Pin, newPassword = "a new password" }, childToken);

        answer.AssertProblem(HttpStatusCode.Forbidden, AuthProblems.ChildAccountRestricted);
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync(childName, Pin)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.LoginAsync(childName, "a new password")).Status);
    }

    [Fact]
    public async Task UpdateProfile_OfAChildAccount_RefusesAnEmailAddressButChangesTheName()
    {
        using var client = Client();
        var (_, childId, _, childToken) = await ChildSignedInAsync(client);
        const string mutation = "mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { user { id fullName email } pendingEmail errors { __typename ... on Error { code } } } }";

        var withEmail = await client.MutateAsync(childToken, mutation, "updateProfile", new { email = $"{Guid.NewGuid():N}@example.test", fullName = "Renamed" });
        var nameOnly = await client.MutateAsync(childToken, mutation, "updateProfile", new { fullName = "Renamed" });

        Assert.Equal(("ChildAccountRestrictedError", "CHILD_ACCOUNT_RESTRICTED"), (withEmail["errors"]![0].Str("__typename"), withEmail["errors"]![0].Str("code")));
        Assert.Null(withEmail["pendingEmail"]);
        Assert.True(nameOnly["errors"] is null, nameOnly.ToJsonString());
        Assert.Equal("Renamed", nameOnly["user"].Str("fullName"));
        var user = await factory.LoadUserAsync(childId);
        Assert.Null(user.Email);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>().EmailChangeRequests.AnyAsync(r => r.UserId == user.Id));
    }

    [Fact]
    public async Task ChangeUserRole_OfAChildAccount_IsChildAccountRestrictedAndItStaysAMember()
    {
        using var client = Client();
        var (family, childId, _, _) = await ChildSignedInAsync(client);
        const string mutation = "mutation($input: ChangeUserRoleInput!) { changeUserRole(input: $input) { user { id } errors { __typename ... on Error { code } } } }";

        foreach (var role in new[] { "PARENT", "ADVISOR" })
        {
            var payload = await client.MutateAsync(family.AdvisorToken, mutation, "changeUserRole", new { userId = childId, role });

            Assert.Equal(("ChildAccountRestrictedError", "CHILD_ACCOUNT_RESTRICTED"), (payload["errors"]![0].Str("__typename"), payload["errors"]![0].Str("code")));
        }

        Assert.Equal(UserRole.Member, (await factory.LoadUserAsync(childId)).Role);
    }

    [Theory]
    [InlineData("mutation { resetChildPin(input: {userId: \"ID\", pin: \"1111\"}) { errors { __typename } } }")]
    [InlineData("mutation { unlockChildAccount(input: {userId: \"ID\"}) { errors { __typename } } }")]
    [InlineData("mutation { createChildAccount(input: {username: \"sibling-of-ID\", fullName: \"S\", pin: \"1111\"}) { errors { __typename } } }")]
    [InlineData("mutation { changeUserRole(input: {userId: \"ID\", role: PARENT}) { errors { __typename } } }")]
    public async Task ManagingMutations_CalledByTheChild_AreNotAuthorized(string mutation)
    {
        using var client = Client();
        var (_, childId, _, childToken) = await ChildSignedInAsync(client);

        var response = await client.PostGraphQLAsync(mutation.Replace("ID", childId, StringComparison.Ordinal), accessToken: childToken);

        Assert.Equal("AUTH_NOT_AUTHORIZED", response["errors"]![0]!["extensions"].Str("code"));
    }

    [Fact]
    public async Task ResetPassword_WithATokenForAChildAccount_IsRefusedAndSetsNothing()
    {
        using var client = Client();
        var (_, childId, childName, _) = await ChildSignedInAsync(client);
        var user = await factory.LoadUserAsync(childId);
        var (token, hash) = SecureTokens.New();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            // Reset links go to addresses; none can be made for a child account, so this row stands for one that slipped through.
            var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
            var now = SystemClock.Instance.GetCurrentInstant();
            db.PasswordResetTokens.Add(new PasswordResetToken { UserId = user.Id, TokenHash = hash, CreatedAt = now, ExpiresAt = now + Duration.FromHours(1) });
            db.EmailChangeRequests.Add(new EmailChangeRequest
            {
                UserId = user.Id, NewEmail = $"{Guid.NewGuid():N}@example.test", TokenHash = hash, CreatedAt = now, ExpiresAt = now + Duration.FromHours(1),
            });
            await db.SaveChangesAsync();
        }

        (await client.PostAuthAsync("reset-password", new { token, newPassword = "a long new password" }))
            .AssertProblem(HttpStatusCode.BadRequest, AuthProblems.ResetTokenInvalid);
        (await client.PostAuthAsync("confirm-email", new { token }))
            .AssertProblem(HttpStatusCode.BadRequest, AuthProblems.EmailTokenInvalid);

        var after = await factory.LoadUserAsync(childId);
        Assert.Equal((user.PasswordHash, (string?)null), (after.PasswordHash, after.Email));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.LoginAsync(childName, "a long new password")).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync(childName, Pin)).Status);
    }

    [Fact]
    public async Task ForgotPassword_ForAChildsUsername_IsAcceptedLikeAnyAddressAndMailsNothing()
    {
        using var client = Client();
        var (_, childId, childName, _) = await ChildSignedInAsync(client);

        var answer = await client.PostAuthAsync("forgot-password", new { email = $"{childName}@example.test" });

        Assert.Equal(HttpStatusCode.Accepted, answer.Status);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
        var id = GlobalId.Decode(childId, "User")!.Value;
        Assert.False(await db.PasswordResetTokens.AnyAsync(t => t.UserId == id));
    }

    [Fact]
    public async Task ResetAndUnlock_ByAParentOfAnotherFamily_AreNotFoundAndChangeNothing()
    {
        using var client = Client();
        var (_, childId, childName, childToken) = await ChildSignedInAsync(client);
        var stranger = await ChildFamily.FoundAsync(client);
        await LockAsync(client, childName);

        var reset = await client.MutateAsync(stranger.AdvisorToken, ChildFamily.ResetPinMutation, "resetChildPin", new { userId = childId, pin = "0000" });
        var unlock = await client.MutateAsync(stranger.AdvisorToken, ChildFamily.UnlockMutation, "unlockChildAccount", new { userId = childId });

        Assert.Equal("NOT_FOUND", reset["errors"]![0].Str("code"));
        Assert.Equal("NOT_FOUND", unlock["errors"]![0].Str("code"));
        Assert.Equal(HttpStatusCode.Locked, (await client.LoginAsync(childName, Pin)).Status);
        Assert.NotNull((await client.PostGraphQLAsync("{ me { id } }", accessToken: childToken))["data"]!["me"]);
    }

    [Fact]
    public async Task ResetAndUnlock_ByAMemberOfTheFamily_AreNotAuthorized()
    {
        using var client = Client();
        var (family, childId, _, _) = await ChildSignedInAsync(client);
        var member = await client.RegisterAsync(AuthApiClient.NewName("member"), family.InviteCode);

        var reset = await client.PostGraphQLAsync(ChildFamily.ResetPinMutation, new { input = new { userId = childId, pin = "0000" } }, member.Str("accessToken"));
        var unlock = await client.PostGraphQLAsync(ChildFamily.UnlockMutation, new { input = new { userId = childId } }, member.Str("accessToken"));

        Assert.Equal("AUTH_NOT_AUTHORIZED", reset["errors"]![0]!["extensions"].Str("code"));
        Assert.Equal("AUTH_NOT_AUTHORIZED", unlock["errors"]![0]!["extensions"].Str("code"));
    }

    [Fact]
    public async Task ResetAndUnlock_OfAnOrdinaryAccount_AreNotChildAccount()
    {
        using var client = Client();
        var family = await ChildFamily.FoundAsync(client);
        var member = await client.RegisterAsync(AuthApiClient.NewName("member"), family.InviteCode);
        var memberId = member["user"].Str("id");

        var reset = await client.MutateAsync(family.AdvisorToken, ChildFamily.ResetPinMutation, "resetChildPin", new { userId = memberId, pin = "0000" });
        var unlock = await client.MutateAsync(family.AdvisorToken, ChildFamily.UnlockMutation, "unlockChildAccount", new { userId = memberId });

        Assert.Equal(("NotChildAccountError", "NOT_CHILD_ACCOUNT"), (reset["errors"]![0].Str("__typename"), reset["errors"]![0].Str("code")));
        Assert.Equal("NOT_CHILD_ACCOUNT", unlock["errors"]![0].Str("code"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.LoginAsync(member["user"].Str("username"), "0000")).Status);
    }

    [Fact]
    public async Task ResetChildPin_WithABadPinOrAMalformedId_AreTypedErrors()
    {
        using var client = Client();
        var (family, childId, _, _) = await ChildSignedInAsync(client);

        var badPin = await client.MutateAsync(family.AdvisorToken, ChildFamily.ResetPinMutation, "resetChildPin", new { userId = childId, pin = "12" });
        var badId = await client.MutateAsync(family.AdvisorToken, ChildFamily.ResetPinMutation, "resetChildPin", new { userId = "not-an-id", pin = "1234" });

        Assert.Equal("VALIDATION_ERROR", badPin["errors"]![0].Str("code"));
        Assert.Equal("NOT_FOUND", badId["errors"]![0].Str("code"));
    }

    /// <summary>A family, its child account (global id and username) and a token the child got by signing in with its PIN.</summary>
    private static async Task<(ChildFamily Family, string ChildId, string ChildName, string ChildToken)> ChildSignedInAsync(HttpClient client)
    {
        var family = await ChildFamily.FoundAsync(client);
        var (id, name) = await family.CreateChildAsync(client, Pin);
        var (status, body, _) = await client.LoginAsync(name, Pin);
        Assert.Equal(HttpStatusCode.OK, status);
        return (family, id, name, body!.Str("accessToken"));
    }

    private static async Task LockAsync(HttpClient client, string child)
    {
        for (var i = 0; i < 5; i++)
        {
            await client.LoginAsync(child, "0000");
        }

        Assert.Equal(HttpStatusCode.Locked, (await client.LoginAsync(child, Pin)).Status);
    }
}
