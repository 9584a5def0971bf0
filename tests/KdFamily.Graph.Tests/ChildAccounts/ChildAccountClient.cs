using System.Net;
using System.Text.Json.Nodes;
using GraphQLServer.Relay;
using KdFamily.Domain.Data;
using KdFamily.Domain.Users;
using KdFamily.Graph.Tests.Auth;
using KdFamily.Graph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KdFamily.Graph.Tests.ChildAccounts;

/// <summary>A family founded over REST (a real password) whose advisor creates child accounts through the graph.</summary>
internal sealed record ChildFamily(string AdvisorName, string AdvisorToken, string InviteCode)
{
    public const string CreateMutation = """
        mutation($input: CreateChildAccountInput!) {
          createChildAccount(input: $input) {
            user { id username fullName email role isChildAccount }
            errors { __typename ... on Error { code message } ... on ValidationError { field } }
          }
        }
        """;

    public const string ResetPinMutation = """
        mutation($input: ResetChildPinInput!) {
          resetChildPin(input: $input) { user { id } errors { __typename ... on Error { code } } }
        }
        """;

    public const string UnlockMutation = """
        mutation($input: UnlockChildAccountInput!) {
          unlockChildAccount(input: $input) { user { id } errors { __typename ... on Error { code } } }
        }
        """;

    public static async Task<ChildFamily> FoundAsync(HttpClient client)
    {
        var name = AuthApiClient.NewName("parent");
        var registered = await client.RegisterAsync(name);
        var token = registered.Str("accessToken");
        var family = await client.PostGraphQLAsync("{ me { family { inviteCode } } }", accessToken: token);
        return new ChildFamily(name, token, family["data"]!["me"]!["family"]!.Str("inviteCode"));
    }

    /// <summary>Creates a child account as the advisor and returns (global id, username as stored).</summary>
    public async Task<(string Id, string Username)> CreateChildAsync(HttpClient client, string pin, string? username = null)
    {
        var payload = await client.MutateAsync(AdvisorToken, CreateMutation, "createChildAccount", new
        {
            username = username ?? AuthApiClient.NewName("Kid"),
            fullName = "Kid Name",
            pin,
        });
        Assert.True(payload["errors"] is null, payload.ToJsonString());
        return (payload["user"].Str("id"), payload["user"].Str("username"));
    }
}

internal static class ChildAccountClient
{
    public static async Task<JsonNode> MutateAsync(this HttpClient client, string? token, string mutation, string field, object input)
    {
        var response = await client.PostGraphQLAsync(mutation, new { input }, token);
        Assert.True(response["errors"] is null, response.ToJsonString());
        return response["data"]![field]!;
    }

    public static Task<(HttpStatusCode Status, JsonObject? Body, string ContentType)> LoginAsync(this HttpClient client, string login, string password) =>
        client.PostAuthAsync("login", new { login, password });

    /// <summary>A login answered with its Retry-After header (seconds), when there is one.</summary>
    public static async Task<(HttpStatusCode Status, string? Code, int? RetryAfter)> LoginWithHeadersAsync(this HttpClient client, string login, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/auth/login", UriKind.Relative))
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { login, password }),
        };
        using var response = await client.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        var retryAfter = response.Headers.RetryAfter?.Delta is { } delta ? (int)delta.TotalSeconds : (int?)null;
        return (response.StatusCode, body?["code"]?.GetValue<string>(), retryAfter);
    }

    public static async Task<User> LoadUserAsync(this KdFamilyApiFactory factory, string globalId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
        var id = GlobalId.Decode(globalId, "User")!.Value;
        return await db.Users.AsNoTracking().SingleAsync(u => u.Id == id);
    }

    public static async Task<List<(string Action, string? Details)>> AuditOfAsync(this KdFamilyApiFactory factory, Guid userId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
        var rows = await db.AuditLog.AsNoTracking().Where(a => a.TargetId == userId).OrderBy(a => a.At).ToListAsync();
        return rows.Select(a => (a.Action, a.Details?.RootElement.GetRawText())).ToList();
    }
}
