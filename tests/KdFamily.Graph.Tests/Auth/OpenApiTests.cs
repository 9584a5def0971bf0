using System.Net;
using System.Text.Json.Nodes;
using KdFamily.Graph.Tests.Infrastructure;

namespace KdFamily.Graph.Tests.Auth;

public sealed class OpenApiTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    [Fact]
    public async Task OpenApiDocument_WhenRequested_ListsEveryAuthPathWithSchemas()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        var paths = document["paths"]!.AsObject();
        foreach (var endpoint in new[] { "register", "login", "refresh", "logout", "change-password", "forgot-password", "reset-password", "confirm-email" })
        {
            Assert.True(paths.ContainsKey($"/api/v1/auth/{endpoint}"), $"missing {endpoint} in {string.Join(", ", paths.Select(p => p.Key))}");
        }

        var register = paths["/api/v1/auth/register"]!["post"]!;
        Assert.NotNull(register["requestBody"]!["content"]!["application/json"]!["schema"]);
        Assert.NotNull(register["responses"]!["201"]!["content"]!["application/json"]!["schema"]);
        Assert.NotNull(register["responses"]!["409"]!["content"]!["application/problem+json"]);
        var schemas = document["components"]!["schemas"]!.AsObject();
        Assert.True(schemas.ContainsKey("AuthResponse"));
        Assert.True(schemas.ContainsKey("RegisterRequest"));
        Assert.NotNull(schemas["AuthResponse"]!["properties"]!["accessToken"]);
        Assert.NotNull(schemas["ProblemDetails"]!["properties"]!["code"]);
    }

    [Fact]
    public async Task OpenApiDocument_WithAForeignHostHeader_DoesNotEchoIt()
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        request.Headers.Host = "attacker.example";

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("attacker.example", text, StringComparison.OrdinalIgnoreCase);
        Assert.Null(JsonNode.Parse(text)!["servers"]);
    }
}
