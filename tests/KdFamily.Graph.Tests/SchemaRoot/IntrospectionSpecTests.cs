using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Testing;

namespace KdFamily.Graph.Tests.SchemaRoot;

/// <summary>
/// Introspection of the current spec, as clients ask for it: graphql-js' full introspection query with every option
/// on (isRepeatable, specifiedByURL, deprecated input values, schema description, isOneOf) runs against the real host,
/// and the schema graphql-js rebuilds from the answer prints the same as the committed SDL.
/// </summary>
public sealed class IntrospectionSpecTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    [Fact]
    public async Task FullIntrospectionQuery_EveryOptionOn_RebuildsTheCommittedSchema()
    {
        var endpoint = new Uri(factory.StartKestrel(), "/graphql");

        var run = await NodeScript.RunAsync("introspection-spec.mjs", endpoint.ToString(), "schema/schema.graphql");

        Assert.True(run.ExitCode == 0, run.Describe());
        var verdict = run.ParseJsonVerdict();
        Assert.Equal(200, verdict["status"]!.GetValue<int>());
        var committed = verdict["committed"]!.GetValue<string>();
        var client = verdict["client"]!.GetValue<string>();
        if (committed != client)
        {
            Assert.Fail("The schema rebuilt from introspection differs from the committed SDL (both sorted, printed by graphql-js):\n"
                + SchemaContractTests.ShortDiff(committed, client));
        }

        var directives = verdict["directives"]!.AsArray().ToDictionary(d => d!["name"]!.GetValue<string>(), d => d!["isRepeatable"]!.GetValue<bool>());
        Assert.False(directives["deprecated"]);
        Assert.False(directives["include"]);
    }
}
