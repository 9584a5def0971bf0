using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KdFamily.Graph.Tests.Auth;
using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Graph.Tests.Server.WebSockets;
using KdFamily.Testing;

namespace KdFamily.Graph.Tests.Outages;

/// <summary>The host on a PostgreSQL server of its own, which the tests stop and start again.</summary>
public class OwnPostgresFactory : KdFamilyApiFactory
{
    public PostgresServer Postgres { get; } = PostgresServer.Start();

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        [new("ConnectionStrings:Postgres", Postgres.CreateDatabaseAsync().GetAwaiter().GetResult())];

    /// <summary>The same, reading the session on every request and operation (no session cache), so an outage meets it.</summary>
    public sealed class WithoutSessionCache : OwnPostgresFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
            [.. base.ExtraSettings(), new("Auth:SessionCacheLifetime", "00:00:00")];
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Postgres.Dispose();
        }
    }
}

/// <summary>
/// PostgreSQL down: GraphQL answers 503 with Retry-After and <c>SERVICE_UNAVAILABLE</c>, REST a 503 problem with the
/// same code, never a driver's exception name; once PostgreSQL is back the same requests succeed.
/// </summary>
public sealed class PostgresOutageTests(OwnPostgresFactory factory) : IClassFixture<OwnPostgresFactory>
{
    private const string MeQuery = "{ me { id username } }";

    [Fact]
    public async Task Requests_WhilePostgresIsDown_AnswerServiceUnavailableAndWorkAgainAfterItsRestart()
    {
        using var client = factory.CreateClient();
        var username = AuthApiClient.NewName("outage");
        var token = (await client.RegisterAsync(username)).Str("accessToken");
        Assert.Equal(HttpStatusCode.OK, (await PostGraphQLAsync(client, token)).Status);

        factory.Postgres.StopProcess();
        try
        {
            // Twice: the first may meet a pooled connection the shutdown broke, the second finds no server at all.
            for (var attempt = 0; attempt < 2; attempt++)
            {
                var (status, retryAfter, body) = await PostGraphQLAsync(client, token);
                Assert.True(status == HttpStatusCode.ServiceUnavailable, $"GraphQL answered {(int)status}: {body}");
                Assert.Equal(TimeSpan.FromSeconds(5), retryAfter);
                var error = Assert.Single(body["errors"]!.AsArray())!;
                Assert.Equal("SERVICE_UNAVAILABLE", error["extensions"]!["code"]!.GetValue<string>());
                Assert.DoesNotContain("Npgsql", body.ToJsonString(), StringComparison.OrdinalIgnoreCase);

                var login = await client.PostAuthAsync("login", new { login = username, password = AuthApiClient.Password });
                login.AssertProblem(HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE");
            }

            using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
            using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }
        finally
        {
            factory.Postgres.StartProcess();
        }

        // The restart broke every pooled connection: the first query finds out, the pools are cleared and the query
        // runs once more on a fresh connection, so the client never sees the restart.
        var (statusAfterRestart, _, bodyAfterRestart) = await PostGraphQLAsync(client, token);
        Assert.True(statusAfterRestart == HttpStatusCode.OK, $"GraphQL answered {(int)statusAfterRestart} after the restart: {bodyAfterRestart}");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAuthAsync("login", new { login = username, password = AuthApiClient.Password })).Status);
    }

    private static async Task<(HttpStatusCode Status, TimeSpan? RetryAfter, JsonObject Body)> PostGraphQLAsync(HttpClient client, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query = MeQuery }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.True(response.StatusCode != HttpStatusCode.OK || body["errors"] is null, body.ToJsonString());
        return (response.StatusCode, response.Headers.RetryAfter?.Delta, body);
    }
}

/// <summary>
/// PostgreSQL down while a WebSocket is open: an operation whose caller cannot be re-read fails with
/// SERVICE_UNAVAILABLE and the socket stays open (it used to close with 4500); once PostgreSQL is back the same
/// socket runs operations again.
/// </summary>
public sealed class WebSocketOutageTests(OwnPostgresFactory.WithoutSessionCache factory) : IClassFixture<OwnPostgresFactory.WithoutSessionCache>
{
    [Fact]
    public async Task Http_WhilePostgresIsDownAndTheSessionMustBeRead_Answers503NotInternal()
    {
        using var client = new HttpClient { BaseAddress = factory.KestrelAddress };
        var token = (await client.RegisterAsync(AuthApiClient.NewName("httpout"))).Str("accessToken");

        factory.Postgres.StopProcess();
        HttpStatusCode graphStatus;
        HttpStatusCode restStatus;
        try
        {
            using var graph = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query = "{ __typename }" }) };
            graph.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var graphResponse = await client.SendAsync(graph);
            graphStatus = graphResponse.StatusCode;
            using var rest = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/change-password")
            {
                Content = JsonContent.Create(new { currentPassword = AuthApiClient.Password, newPassword = "another-password-1" }),
            };
            rest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var restResponse = await client.SendAsync(rest);
            restStatus = restResponse.StatusCode;
        }
        finally
        {
            factory.Postgres.StartProcess();
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, graphStatus);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, restStatus);
    }

    [Fact]
    public async Task Operation_WhilePostgresIsDown_FailsWithServiceUnavailableAndTheSocketStays()
    {
        var address = factory.KestrelAddress;
        using var client = new HttpClient { BaseAddress = address };
        var token = (await client.RegisterAsync(AuthApiClient.NewName("wsout"))).Str("accessToken");
        await using var socket = await WebSocketTestClient.ConnectAsync(new UriBuilder(address) { Scheme = "ws", Path = "/graphql" }.Uri, "graphql-transport-ws");
        await socket.SendAsync(new { type = "connection_init", payload = new { authorization = "Bearer " + token } });
        Assert.Equal("connection_ack", (await socket.ReceiveAsync())["type"]!.GetValue<string>());

        factory.Postgres.StopProcess();
        JsonObject refused;
        try
        {
            await socket.SendAsync(new { type = "subscribe", id = "1", payload = new { query = "{ __typename }" } });
            refused = await socket.ReceiveAsync();
        }
        finally
        {
            factory.Postgres.StartProcess();
        }

        await socket.SendAsync(new { type = "subscribe", id = "2", payload = new { query = "{ me { username } }" } });
        var answered = await socket.ReceiveAsync();

        Assert.Equal("error", refused["type"]!.GetValue<string>());
        Assert.Equal("SERVICE_UNAVAILABLE", refused["payload"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal("next", answered["type"]!.GetValue<string>());
        Assert.NotNull(answered["payload"]!["data"]!["me"]);
    }
}
