using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GraphQLServer.Relay;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using KdFamily.Graph.Tests.Auth;
using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Graph.Tests.Server.WebSockets;
using KdFamily.Graph.Tests.Tasks;
using KdFamily.Testing;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Graph.Tests.Revocation;

/// <summary>
/// Changes of authority take effect on the next request, with the access token the caller already holds: logout,
/// password change and reset end a session's access tokens; removal ends a member's; role changes apply at once.
/// Open sockets of a revoked session close with 4403, SSE streams complete. Real Kestrel host, real PostgreSQL/Redis.
/// </summary>
public sealed partial class RevocationTests(KestrelApiFactory factory) : IClassFixture<KestrelApiFactory>
{
    private const string MeQuery = "{ me { username } }";
    private const string FamilyQuery = "{ me { family { inviteCode members { id email } } } }";
    private const string OnTaskCreated = "subscription($familyId: ID!) { taskCreated(familyId: $familyId) { id title } }";

    // Kestrel must start before anything else touches the host.
    private readonly Uri _address = factory.Address;
    private readonly TaskMutationClient _api = new(factory);

    [Fact]
    public async Task Logout_AccessTokenOfTheSession_IsRefusedOnTheNextRequest()
    {
        using var client = Client();
        var registered = await client.RegisterAsync(AuthApiClient.NewName("bye"));
        var token = registered.Str("accessToken");
        Assert.NotNull((await client.PostGraphQLAsync(MeQuery, accessToken: token))["data"]!["me"]);

        var (status, _, _) = await client.PostAuthAsync("logout", new { refreshToken = registered.Str("refreshToken") });

        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Equal("AUTH_NOT_AUTHENTICATED", Code(await client.PostGraphQLAsync(MeQuery, accessToken: token)));
    }

    [Fact]
    public async Task ChangePassword_OtherSessionsAccessTokens_AreRefusedAndTheCallersKeepsWorking()
    {
        using var client = Client();
        var name = AuthApiClient.NewName("chg");
        var first = await client.RegisterAsync(name);
        var second = await client.LoginAsync(name);
        Assert.NotNull((await client.PostGraphQLAsync(MeQuery, accessToken: second.Str("accessToken")))["data"]!["me"]);

        var (status, _, _) = await client.PostAuthAsync(
            "change-password", new { currentPassword = AuthApiClient.Password, newPassword = "another horse battery" }, first.Str("accessToken"));

        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Equal("AUTH_NOT_AUTHENTICATED", Code(await client.PostGraphQLAsync(MeQuery, accessToken: second.Str("accessToken"))));
        Assert.NotNull((await client.PostGraphQLAsync(MeQuery, accessToken: first.Str("accessToken")))["data"]!["me"]);
    }

    [Fact]
    public async Task ResetPassword_EveryAccessToken_IsRefusedOnTheNextRequest()
    {
        using var client = Client();
        var name = AuthApiClient.NewName("rst");
        var registered = await client.RegisterAsync(name);
        var token = registered.Str("accessToken");
        Assert.NotNull((await client.PostGraphQLAsync(MeQuery, accessToken: token))["data"]!["me"]);

        var (status, _, _) = await client.PostAuthAsync("reset-password", new { token = await ResetTokenAsync(client, name), newPassword = "another horse battery" });

        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Equal("AUTH_NOT_AUTHENTICATED", Code(await client.PostGraphQLAsync(MeQuery, accessToken: token)));
    }

    [Fact]
    public async Task RemoveMember_RemovedAdvisorsToken_NoLongerReadsTheInviteCodeOrEmails()
    {
        var seed = await _api.SeedAsync();
        var (advisor, coAdvisor) = (seed.Members[0], seed.Members[1]);
        await SetRoleAsync(coAdvisor, UserRole.Advisor);
        var staleToken = _api.TokenFor(coAdvisor);
        using var client = Client();
        var before = await client.PostGraphQLAsync(FamilyQuery, accessToken: staleToken);
        Assert.NotNull(before["data"]!["me"]!["family"]!["inviteCode"]);

        await MutateAsync(client, advisor, "mutation($input: RemoveMemberInput!) { removeMember(input: $input) { errors { ... on Error { code } } } }", new { userId = Id(coAdvisor) }, "removeMember");

        var after = await client.PostGraphQLAsync(FamilyQuery, accessToken: staleToken);
        Assert.Equal("AUTH_NOT_AUTHENTICATED", Code(after));
        Assert.DoesNotContain(seed.Family.InviteCode!, after.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangeUserRole_DemotedAdvisorsToken_NoLongerReadsTheInviteCodeOrOthersEmails()
    {
        var seed = await _api.SeedAsync();
        var (advisor, coAdvisor) = (seed.Members[0], seed.Members[1]);
        await SetRoleAsync(coAdvisor, UserRole.Advisor);
        var staleToken = _api.TokenFor(coAdvisor);
        using var client = Client();
        Assert.NotNull((await client.PostGraphQLAsync(FamilyQuery, accessToken: staleToken))["data"]!["me"]!["family"]!["inviteCode"]);

        await ChangeRoleAsync(client, advisor, coAdvisor, "MEMBER");

        var family = (await client.PostGraphQLAsync(FamilyQuery, accessToken: staleToken))["data"]!["me"]!["family"]!;
        Assert.Null(family["inviteCode"]);
        var others = family["members"]!.AsArray().Where(m => m!["id"]!.GetValue<string>() != Id(coAdvisor)).ToList();
        Assert.NotEmpty(others);
        Assert.All(others, m => Assert.Null(m!["email"]));
    }

    [Fact]
    public async Task ChangeUserRole_MemberPromotedToParent_ApprovesWithTheTokenTheyAlreadyHold()
    {
        FamilyTask task = null!;
        var seed = await _api.SeedAsync(s => task = s.AddTask("Done", FamilyTaskStatus.Completed, s.Members[3], 5, null, TaskMutationClient.Now));
        var (advisor, member) = (seed.Members[0], seed.Members[2]);
        var heldToken = _api.TokenFor(member);
        using var client = Client();
        var refused = await _api.RequestAsync("ApproveTask", member, new { taskId = GlobalId.Encode("Task", task.Id), bonusPoints = 0 }, client, heldToken);
        Assert.Equal("AUTH_NOT_AUTHORIZED", Code(refused));

        await ChangeRoleAsync(client, advisor, member, "PARENT");

        var approved = await _api.RunAsync("ApproveTask", member, new { taskId = GlobalId.Encode("Task", task.Id), bonusPoints = 0 }, client, heldToken);
        Assert.Equal("APPROVED", approved["task"]!["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("graphql-transport-ws")]
    [InlineData("graphql-ws")]
    public async Task Logout_OpenWebSocketOfTheSession_IsClosedWith4403(string subProtocol)
    {
        using var client = Client();
        var registered = await client.RegisterAsync(AuthApiClient.NewName("ws"));
        await using var socket = await SubscribedSocketAsync(subProtocol, registered.Str("accessToken"), registered["user"].Str("familyId"));

        await client.PostAuthAsync("logout", new { refreshToken = registered.Str("refreshToken") });

        await AssertClosedForbiddenAsync(socket, subProtocol);
    }

    [Theory]
    [InlineData("graphql-transport-ws")]
    [InlineData("graphql-ws")]
    public async Task RemoveMember_RemovedMembersOpenSubscription_IsClosedWith4403AndGetsNoMoreEvents(string subProtocol)
    {
        var seed = await _api.SeedAsync();
        var (advisor, member) = (seed.Members[0], seed.Members[2]);
        using var client = Client();
        await using var socket = await SubscribedSocketAsync(subProtocol, _api.TokenFor(member), GlobalId.Encode("Family", seed.Family.Id));

        await MutateAsync(client, advisor, "mutation($input: RemoveMemberInput!) { removeMember(input: $input) { errors { ... on Error { code } } } }", new { userId = Id(member) }, "removeMember");
        await _api.RunAsync("CreateTask", seed.Members[1], new { title = "After removal", points = 5 }, client);

        var messages = await AssertClosedForbiddenAsync(socket, subProtocol);
        Assert.DoesNotContain(messages, m => m.ToJsonString().Contains("After removal", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WebSocketOperation_AfterDemotion_RunsWithTheStoredRole()
    {
        var seed = await _api.SeedAsync();
        var (advisor, parent) = (seed.Members[0], seed.Members[1]);
        using var client = Client();
        await using var socket = await WebSocketTestClient.ConnectAsync(Endpoint(), "graphql-transport-ws");
        await socket.SendAsync(new { type = "connection_init", payload = new { authorization = "Bearer " + _api.TokenFor(parent) } });
        Assert.Equal("connection_ack", (await socket.ReceiveAsync())["type"]!.GetValue<string>());

        await ChangeRoleAsync(client, advisor, parent, "MEMBER");
        await socket.SendAsync(new { type = "subscribe", id = "1", payload = new { query = "mutation { createTask(input: { title: \"x\", points: 1 }) { errors { ... on Error { code } } } }" } });

        var next = await socket.ReceiveAsync();
        Assert.Equal("AUTH_NOT_AUTHORIZED", next["payload"]!.AsArray()[0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task RemoveMember_RemovedMembersSseSubscription_Completes()
    {
        var seed = await _api.SeedAsync();
        var (advisor, member) = (seed.Members[0], seed.Members[2]);
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(
                JsonSerializer.Serialize(new { query = OnTaskCreated, variables = new { familyId = GlobalId.Encode("Family", seed.Family.Id) } }),
                Encoding.UTF8,
                "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _api.TokenFor(member));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new EventStreamReader(await response.Content.ReadAsStreamAsync());
        Assert.True((await reader.ReadAsync(TimeSpan.FromSeconds(10)))!.IsComment); // the stream is open
        await WaitForSubscriberAsync(seed);

        await MutateAsync(client, advisor, "mutation($input: RemoveMemberInput!) { removeMember(input: $input) { errors { ... on Error { code } } } }", new { userId = Id(member) }, "removeMember");

        var end = await reader.ReadEventAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("complete", end?.Event);
    }

    [Fact]
    public async Task Logout_OnAnotherHostSharingRedis_ClosesThisHostsSocketAndRefusesItsNextRequest()
    {
        await using var hostB = new KestrelApiFactory();
        hostB.UseDatabaseOf(factory);
        _ = hostB.Address;
        using var clientA = Client();
        using var clientB = new HttpClient { BaseAddress = hostB.Address };
        await hostB.Services.WaitUntilSessionCacheIsTrustedAsync();
        await factory.Services.WaitUntilSessionCacheIsTrustedAsync();
        var registered = await clientB.RegisterAsync(AuthApiClient.NewName("two"));
        var token = registered.Str("accessToken");
        Assert.NotNull((await clientA.PostGraphQLAsync(MeQuery, accessToken: token))["data"]!["me"]); // cached on host A now
        await using var socket = await SubscribedSocketAsync("graphql-transport-ws", token, registered["user"].Str("familyId"));

        await clientB.PostAuthAsync("logout", new { refreshToken = registered.Str("refreshToken") });

        await AssertClosedForbiddenAsync(socket, "graphql-transport-ws");
        // The announcement has reached host A (it closed the socket), so its cache no longer holds the session.
        Assert.Equal("AUTH_NOT_AUTHENTICATED", Code(await clientA.PostGraphQLAsync(MeQuery, accessToken: token)));
    }

    private HttpClient Client() => new() { BaseAddress = _address };

    private Uri Endpoint() => new UriBuilder(_address) { Scheme = "ws", Path = "/graphql" }.Uri;

    private static string Id(User user) => GlobalId.Encode("User", user.Id);

    private static string? Code(JsonObject response) => response["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>();

    /// <summary>A socket of <paramref name="subProtocol"/>, acknowledged with <paramref name="token"/>, subscribed to the family's new tasks.</summary>
    private async Task<WebSocketTestClient> SubscribedSocketAsync(string subProtocol, string token, string familyId)
    {
        var socket = await WebSocketTestClient.ConnectAsync(Endpoint(), subProtocol);
        await socket.SendAsync(new { type = "connection_init", payload = new { authorization = "Bearer " + token } });
        Assert.Equal("connection_ack", (await socket.ReceiveAsync())["type"]!.GetValue<string>());
        var payload = new { query = OnTaskCreated, variables = new { familyId } };
        await socket.SendAsync(subProtocol == "graphql-ws" ? new { type = "start", id = "tasks", payload } : (object)new { type = "subscribe", id = "tasks", payload });
        await WaitForSubscriberAsync(GlobalId.Decode(familyId, "Family")!.Value);
        return socket;
    }

    /// <summary>The socket closes with 4403 (the legacy protocol sends connection_error first); returns what came before the close.</summary>
    private static async Task<List<JsonObject>> AssertClosedForbiddenAsync(WebSocketTestClient socket, string subProtocol)
    {
        var (messages, code, reason) = await socket.ReceiveUntilCloseAsync();
        Assert.True(code == 4403, $"closed with {code} \"{reason}\" after {string.Join(", ", messages.Select(m => m.ToJsonString()))}");
        if (subProtocol == "graphql-ws")
        {
            Assert.Equal("connection_error", messages[^1]["type"]!.GetValue<string>());
        }

        return messages;
    }

    private Task WaitForSubscriberAsync(FamilySeed seed) => WaitForSubscriberAsync(seed.Family.Id);

    /// <summary>Waits until the family's taskCreated topic has a Redis subscriber.</summary>
    private Task WaitForSubscriberAsync(Guid familyId) =>
        factory.Services.WaitForRedisSubscriberAsync(Graph.LiveUpdates.Topics.Family(familyId, Graph.LiveUpdates.Topics.TaskCreated));

    private async Task MutateAsync(HttpClient client, User caller, string mutation, object input, string field)
    {
        var response = await client.PostGraphQLAsync(mutation, new { input }, _api.TokenFor(caller));
        Assert.True(response["errors"] is null && response["data"]![field]!["errors"] is null, response.ToJsonString());
    }

    private Task ChangeRoleAsync(HttpClient client, User advisor, User target, string role) =>
        MutateAsync(client, advisor, "mutation($input: ChangeUserRoleInput!) { changeUserRole(input: $input) { errors { ... on Error { code } } } }", new { userId = Id(target), role }, "changeUserRole");

    private Task<int> SetRoleAsync(User user, UserRole role) =>
        _api.DbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Role, role)));

    private async Task<string> ResetTokenAsync(HttpClient client, string name)
    {
        var email = $"{name.ToLowerInvariant()}@example.test";
        await client.PostAuthAsync("forgot-password", new { email });
        var body = await factory.Services.WaitForSingleMailAsync(email);
        return Uri.UnescapeDataString(ResetLink().Match(body).Groups["token"].Value);
    }

    [GeneratedRegex(@"/reset-password\?token=(?<token>[^\s]+)")]
    private static partial Regex ResetLink();
}
