using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KdFamily.Graph.Tests.Auth;
using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Testing;

namespace KdFamily.Graph.Tests.Outages;

/// <summary>The host on a PostgreSQL server of its own, which the tests stop and start again.</summary>
public sealed class OwnPostgresFactory : KdFamilyApiFactory
{
    public PostgresServer Postgres { get; } = PostgresServer.Start();

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        [new("ConnectionStrings:Postgres", Postgres.CreateDatabaseAsync().GetAwaiter().GetResult())];

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
