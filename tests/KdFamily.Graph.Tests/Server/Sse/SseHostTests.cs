using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KdFamily.Domain.Data;
using KdFamily.Domain.Families;
using KdFamily.Domain.Users;
using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace KdFamily.Graph.Tests.Server.Sse;

/// <summary>The SSE mode as the real host serves it: the bearer token authenticates the stream like any request.</summary>
public sealed class SseHostTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    [Fact]
    public async Task PostQuery_WithBearerToken_StreamsTheCallersData()
    {
        var user = await SeedUserAsync("sse-ada");
        var token = TestTokens.For(factory.Services, user);

        var (response, events) = await StreamAsync("{ me { username } }", token);

        Assert.Equal(HttpStatusCode.OK, response);
        Assert.Equal("next", events[0].Event);
        Assert.Equal("sse-ada", JsonNode.Parse(events[0].Data!)!["data"]!["me"]!["username"]!.GetValue<string>());
        Assert.Equal("complete", events[1].Event);
    }

    [Fact]
    public async Task PostQuery_WithoutToken_StreamsNotAuthenticatedError()
    {
        var (response, events) = await StreamAsync("{ me { username } }", accessToken: null);

        Assert.Equal(HttpStatusCode.OK, response);
        Assert.Equal("next", events[0].Event);
        Assert.Equal("AUTH_NOT_AUTHENTICATED", JsonNode.Parse(events[0].Data!)!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal("complete", events[1].Event);
    }

    private async Task<(HttpStatusCode Status, List<SseMessage> Events)> StreamAsync(string query, string? accessToken)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new EventStreamReader(await response.Content.ReadAsStreamAsync());
        List<SseMessage> events = [];
        while (await reader.ReadEventAsync() is { } message)
        {
            events.Add(message);
        }

        return (response.StatusCode, events);
    }

    private async Task<User> SeedUserAsync(string username)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
        var family = new Family { Name = "Streamers", TimeZone = "Europe/London", InviteCode = "SSE00001" };
        var user = new User
        {
            FamilyId = family.Id, Username = username, Email = $"{username}@example.test", FullName = "Ada Stream",
            PasswordHash = "x", Role = UserRole.Advisor,
        };
        db.AddRange(family, user);
        await db.SaveChangesAsync();
        return user;
    }
}
