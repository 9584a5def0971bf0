using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KdFamily.Graph.Tests.Server.WebSockets;

namespace KdFamily.Graph.Tests.Limits;

/// <summary>The per-user budget of GraphQL cost units per minute, on HTTP and WebSocket, shared by two instances.</summary>
public sealed class GraphQLCostBudgetTests(GraphQLCostBudgetTests.Factory factory) : IClassFixture<GraphQLCostBudgetTests.Factory>
{
    /// <summary>Costs 3 (me, id, fullName).</summary>
    private const string Query = "{ me { id fullName } }";

    public const int Budget = 20;

    public sealed class Factory : LimitedApiFactory
    {
        protected override IReadOnlyDictionary<string, string?> Limits => new Dictionary<string, string?>
        {
            ["GraphQL:Limits:CostPerMinute"] = Budget.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    [Fact]
    public async Task Http_OverTheUsersCostBudget_Answers429WithRetryAfterAndOthersAreNotLimited()
    {
        var tokens = await LimitsTestUsers.TokensAsync(factory, 2);
        using var client = new HttpClient { BaseAddress = factory.Address };

        var answered = await SpendAsync(client, tokens[0]);

        Assert.Equal(Budget / 3 + 1, answered);
        using var refused = await PostAsync(client, tokens[0]);
        await AssertRefusedAsync(refused);
        using var other = await PostAsync(client, tokens[1]);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Http_TwoInstancesSharingRedis_ShareTheUsersBudget()
    {
        await using var second = factory.Twin<Factory>();
        var tokens = await LimitsTestUsers.TokensAsync(factory, 1);
        using var first = new HttpClient { BaseAddress = factory.Address };
        using var other = new HttpClient { BaseAddress = second.Address };

        await SpendAsync(first, tokens[0]);

        using var refused = await PostAsync(other, tokens[0]);
        await AssertRefusedAsync(refused);
    }

    [Fact]
    public async Task WebSocket_OperationOverTheUsersCostBudget_GetsARateLimitedErrorAndTheSocketStaysOpen()
    {
        var tokens = await LimitsTestUsers.TokensAsync(factory, 1);
        using (var client = new HttpClient { BaseAddress = factory.Address })
        {
            await SpendAsync(client, tokens[0]);
        }

        await using var socket = await WebSocketTestClient.ConnectAsync(factory.WebSocketEndpoint, "graphql-transport-ws");
        await socket.SendAsync(new { type = "connection_init", payload = new { authorization = "Bearer " + tokens[0] } });
        Assert.Equal("connection_ack", (await socket.ReceiveAsync())["type"]!.GetValue<string>());
        await socket.SendAsync(new { type = "subscribe", id = "1", payload = new { query = Query } });

        var error = await socket.ReceiveAsync().Within(10, "the refusal");
        Assert.Equal("error", error["type"]!.GetValue<string>());
        Assert.Equal("RATE_LIMITED", error["payload"]![0]!["extensions"]!["code"]!.GetValue<string>());
        await socket.SendAsync(new { type = "ping" });
        Assert.Equal("pong", (await socket.ReceiveAsync())["type"]!.GetValue<string>());
    }

    /// <summary>Posts <see cref="Query"/> until refused; returns how many were answered 200 (fails after 50).</summary>
    private static async Task<int> SpendAsync(HttpClient client, string token)
    {
        for (var answered = 0; answered < 50; answered++)
        {
            using var response = await PostAsync(client, token);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return answered;
            }

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Fail($"50 queries of cost 3 were all answered under a budget of {Budget}.");
        return 0;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/graphql", UriKind.Relative)) { Content = JsonContent.Create(new { query = Query }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.InRange(response.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 60);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Null(body["data"]);
        var extensions = body["errors"]![0]!["extensions"]!;
        Assert.Equal("RATE_LIMITED", extensions["code"]!.GetValue<string>());
        Assert.InRange(extensions["retryAfter"]!.GetValue<int>(), 1, 60);
    }
}
