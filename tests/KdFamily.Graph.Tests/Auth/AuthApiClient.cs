using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace KdFamily.Graph.Tests.Auth;

/// <summary>Calls the REST auth facade and reads its JSON answers.</summary>
internal static class AuthApiClient
{
    public const string Password = "correct horse battery";

    public static async Task<(HttpStatusCode Status, JsonObject? Body, string ContentType)> PostAuthAsync(
        this HttpClient client, string endpoint, object body, string? accessToken = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/v1/auth/{endpoint}", UriKind.Relative))
        {
            Content = JsonContent.Create(body),
        };
        if (accessToken is not null)
        {
            request.Headers.Authorization = new("Bearer", accessToken);
        }

        return await SendAsync(client, request);
    }

    public static async Task<(HttpStatusCode Status, JsonObject? Body, string ContentType)> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject, response.Content.Headers.ContentType?.MediaType ?? "");
    }

    public static string NewName(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..20];

    /// <summary>Registers a new family's advisor (or a member with <paramref name="inviteCode"/>) and returns the 201 body.</summary>
    public static async Task<JsonObject> RegisterAsync(this HttpClient client, string username, string? inviteCode = null, string? timeZone = null)
    {
        var (status, body, _) = await client.PostAuthAsync("register", new
        {
            username,
            email = $"{username}@example.test",
            password = Password,
            fullName = $"Full {username}",
            familyName = inviteCode is null ? $"Family of {username}" : null,
            inviteCode,
            timeZone,
        });
        Assert.True(status == HttpStatusCode.Created, $"register answered {(int)status}: {body}");
        return body!;
    }

    public static async Task<JsonObject> LoginAsync(this HttpClient client, string login, string password = Password)
    {
        var (status, body, _) = await client.PostAuthAsync("login", new { login, password });
        Assert.True(status == HttpStatusCode.OK, $"login answered {(int)status}: {body}");
        return body!;
    }

    public static string Str(this JsonNode? node, string property) => node![property]!.GetValue<string>();

    /// <summary>Asserts an RFC 9457 problem with the given status and code, and returns it.</summary>
    public static JsonObject AssertProblem(this (HttpStatusCode Status, JsonObject? Body, string ContentType) response, HttpStatusCode status, string code)
    {
        Assert.True(response.Status == status, $"expected {(int)status}, got {(int)response.Status}: {response.Body}");
        Assert.Equal("application/problem+json", response.ContentType);
        var body = Assert.IsType<JsonObject>(response.Body);
        Assert.Equal((int)status, body["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(body.Str("title")));
        Assert.Equal(code, body.Str("code"));
        return body;
    }
}
