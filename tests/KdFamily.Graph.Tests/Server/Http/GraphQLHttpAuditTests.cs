using System.Text.Json.Nodes;
using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Testing;

namespace KdFamily.Graph.Tests.Server.Http;

/// <summary>graphql-http's server audits (the GraphQL-over-HTTP conformance suite) against the real host over a socket.</summary>
public sealed class GraphQLHttpAuditTests : IClassFixture<KdFamilyApiFactory>
{
    private readonly KdFamilyApiFactory _factory;

    public GraphQLHttpAuditTests(KdFamilyApiFactory factory) => _factory = factory;

    [Fact]
    public async Task GraphQLHttpAudits_AgainstGraphQLEndpoint_AllPass()
    {
        var endpoint = new Uri(_factory.StartKestrel(), "/graphql");

        var run = await NodeScript.RunAsync("audit-http.mjs", endpoint.ToString());

        Assert.True(run.ExitCode == 0, run.Describe());
        var audits = run.ParseJsonVerdict().AsArray().Select(a => a!.AsObject()).ToList();
        Assert.True(audits.Count >= 61, $"Expected graphql-http@1.23.1's 61 audits, got {audits.Count}.\n{run.Stdout}");
        var failing = audits.Where(a => a["status"]!.GetValue<string>() != "ok").Select(Describe).ToList();
        Assert.True(failing.Count == 0, $"{failing.Count} of {audits.Count} audits did not pass:\n{string.Join('\n', failing)}");
    }

    private static string Describe(JsonObject audit) =>
        $"{audit["id"]} {audit["name"]} [{audit["status"]}]: {audit["reason"]} {audit["response"]?.ToJsonString()}";
}
