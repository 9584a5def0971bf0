using System.Text.Json;
using GraphQL.SystemTextJson;
using GraphQLServer.Execution;

namespace GraphQLServer.Tests.Execution;

public sealed class GraphQLRequestReaderTests
{
    private static readonly GraphQLSerializer Serializer = new();

    [Fact]
    public void Reads_every_member_and_ignores_unknown_ones()
    {
        var request = Read("""{"query":"{ a }","operationName":"A","variables":{"x":1},"extensions":{"e":"v"},"other":true}""", out var problem);

        Assert.Null(problem);
        Assert.NotNull(request);
        Assert.Equal("{ a }", request.Query);
        Assert.Equal("A", request.OperationName);
        Assert.Equal(1, Convert.ToInt32(request.Variables!["x"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("v", request.Extensions!["e"]);
    }

    [Fact]
    public void Null_members_are_absent()
    {
        var request = Read("""{"query":"{ a }","operationName":null,"variables":null,"extensions":null}""", out var problem);

        Assert.Null(problem);
        Assert.Null(request!.OperationName);
        Assert.Null(request.Variables);
        Assert.Null(request.Extensions);
    }

    [Theory]
    [InlineData("[]", GraphQLRequestProblemKind.NotAnObject, null)]
    [InlineData("""{}""", GraphQLRequestProblemKind.QueryMissing, "query")]
    [InlineData("""{"query":"  "}""", GraphQLRequestProblemKind.QueryMissing, "query")]
    [InlineData("""{"query":1}""", GraphQLRequestProblemKind.NotAString, "query")]
    [InlineData("""{"query":"{ a }","operationName":2}""", GraphQLRequestProblemKind.NotAString, "operationName")]
    [InlineData("""{"query":"{ a }","variables":[1]}""", GraphQLRequestProblemKind.NotAMap, "variables")]
    [InlineData("""{"query":"{ a }","extensions":"x"}""", GraphQLRequestProblemKind.NotAMap, "extensions")]
    [InlineData("""{"variables":5}""", GraphQLRequestProblemKind.NotAMap, "variables")] // member types before the missing query
    public void Refuses_a_wrong_shape_naming_the_member(string json, GraphQLRequestProblemKind kind, string? member)
    {
        var request = Read(json, out var problem);

        Assert.Null(request);
        Assert.Equal(new GraphQLRequestProblem(kind, member), problem);
    }

    private static GraphQL.Transport.GraphQLRequest? Read(string json, out GraphQLRequestProblem? problem)
    {
        using var document = JsonDocument.Parse(json);
        return GraphQLRequestReader.Read(document.RootElement, Serializer, out problem);
    }
}
