using System.Text.Json.Nodes;
using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Testing;

namespace KdFamily.Graph.Tests.Server.PersistedDocuments;

/// <summary>
/// Apollo Client 4's PersistedQueryLink (tests/node, pinned) against the real host with Redis: automatic persisted
/// queries with GET for hashed queries, and trusted documents by the ids of the committed manifest.
/// </summary>
public sealed class ApolloPersistedQueryTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    [Fact]
    public async Task PersistedQueryLink_UnknownThenKnownQuery_RegistersOnceThenRunsByHashOverGet()
    {
        var endpoint = new Uri(factory.StartKestrel(), "/graphql");

        var verdict = await RunAsync(endpoint, "automatic");

        var results = verdict["results"]!.AsArray();
        Assert.All(results, result => Assert.Equal("Persisted Queries", result!["data"]?["me"]?["fullName"]?.GetValue<string>()));
        // hash only over GET (not found) → query + hash over POST (registers) → hash only over GET (runs).
        Assert.Equal(
            ["GET hash 400", "POST query hash 200", "GET hash 200"],
            verdict["requests"]!.AsArray().Select(Describe));
    }

    [Fact]
    public async Task PersistedQueryLink_TrustedOnlyHost_RunsManifestOperationByIdAndRefusesOthers()
    {
        await using var trusted = new TrustedOnlyFactory();
        var endpoint = new Uri(trusted.StartKestrel(), "/graphql");

        var verdict = await RunAsync(endpoint, "trusted");

        var results = verdict["results"]!.AsArray();
        Assert.Equal("Persisted Queries", results[0]!["data"]?["me"]?["fullName"]?.GetValue<string>());
        Assert.Equal(["PERSISTED_QUERY_NOT_IN_LIST"], results[1]!["codes"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(["POST hash 200", "POST hash 400"], verdict["requests"]!.AsArray().Select(Describe));
    }

    private static async Task<JsonNode> RunAsync(Uri endpoint, string mode)
    {
        var run = await NodeScript.RunAsync("apollo-persisted-queries.mjs", endpoint.ToString(), mode);
        Assert.True(run.ExitCode == 0, run.Describe());
        return run.ParseJsonVerdict();
    }

    private static string Describe(JsonNode? request) =>
        string.Join(' ', new[]
        {
            request!["method"]!.GetValue<string>(),
            request["query"]!.GetValue<bool>() ? "query" : null,
            request["hash"]!.GetValue<bool>() ? "hash" : null,
            request["status"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Where(part => part is not null));

    private sealed class TrustedOnlyFactory : KdFamilyApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
            [new("GraphQL:PersistedDocuments:Mode", "TrustedOnly")];
    }
}
