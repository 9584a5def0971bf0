using System.Text.Json;
using System.Text.Json.Nodes;
using KdFamily.Testing;

namespace KdFamily.Graph.Tests.Clients;

/// <summary>
/// Runs a scenario of the client project tests/node/clients (its own package.json: Apollo Client, urql, graphql-sse,
/// relay-compiler, GraphQL Code Generator) and returns its verdict, failing the test with the script's output unless it
/// says <c>ok</c>.
/// </summary>
public static class ClientScript
{
    public static async Task<JsonNode> RunAsync(string script, string scenario, object? config = null)
    {
        if (!Directory.Exists(RepositoryRoot.Combine("tests/node/clients/node_modules")))
        {
            throw new InvalidOperationException("tests/node/clients/node_modules is missing; run `cd tests/node/clients && npm ci` (scripts/prerequisites.sh --test does).");
        }

        var run = await NodeScript.RunAsync("clients/" + script, scenario, JsonSerializer.Serialize(config ?? new { }));
        var verdict = run.ParseJsonVerdict();
        Assert.True(run.ExitCode == 0 && verdict["ok"]?.GetValue<bool>() == true, $"{script} {scenario} failed: {run.Describe()}");
        return verdict;
    }
}
