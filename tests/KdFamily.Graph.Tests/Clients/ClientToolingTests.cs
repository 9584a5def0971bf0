namespace KdFamily.Graph.Tests.Clients;

/// <summary>
/// The build-time tools of frontend teams over the committed contract (no host): GraphQL Code Generator driven by
/// .graphqlrc.json, then tsc over its output; relay-compiler over schema/schema.graphql with Relay-style sources
/// (tests/node/clients/relay/src: fragments, @connection on Family.tasks, @refetchable).
/// </summary>
public sealed class ClientToolingTests
{
    [Fact]
    public async Task GraphQLCodegen_RepositoryConfig_GeneratesEveryOperationThatTypeChecks()
    {
        var verdict = await ClientScript.RunAsync("codegen.mjs", "generate");

        Assert.True(verdict["operations"]!.GetValue<int>() >= 40, verdict.ToJsonString());
        Assert.True(verdict["abstractTypes"]!.GetValue<int>() >= 2, verdict.ToJsonString());
    }

    [Fact]
    public async Task RelayCompiler_RelaySources_CompileAgainstTheSchema()
    {
        var verdict = await ClientScript.RunAsync("relay-compile.mjs", "compile");

        Assert.Contains("TaskListPaginationQuery.graphql.js", verdict["artifacts"]!.AsArray().Select(a => a!.GetValue<string>()));
    }
}
