using System.Net;
using System.Text;
using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLServer.Execution;
using GraphQLServer.Limits;
using GraphQLServer.Uploads;
using KdFamily.Domain.Families;
using KdFamily.Graph.SchemaRoot;
using KdFamily.Graph.Tasks;
using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Testing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace KdFamily.Graph.Tests.SchemaRoot;

/// <summary>
/// The cost limit (DESIGN §7 "absurd depth or cost"): every committed operation and a full IDE introspection query
/// are measured with the server's own cost model and stay well inside the limit; alias abuse is refused before
/// execution with the same <c>COMPLEXITY</c> code as the depth limit.
/// </summary>
public sealed class QueryCostTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    private static readonly GraphQLLimits Limits = new();

    /// <summary>Committed operations with their default pages must leave half the limit free; with the largest pages they must fit.</summary>
    private static readonly double Headroom = Limits.MaxCost / 2.0;

    [Fact]
    public async Task Cost_EveryCommittedOperation_StaysWellBelowLimit()
    {
        var files = Directory.GetFiles(RepositoryRoot.Combine("schema/operations"), "*.graphql", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        var measured = new List<string>();
        var tooCostly = new List<string>();
        foreach (var file in files)
        {
            var document = Parser.Parse(await File.ReadAllTextAsync(file));
            foreach (var operation in document.Definitions.OfType<GraphQLOperationDefinition>())
            {
                var (cost, depth) = await MeasureAsync(document, operation, largestPages: false);
                var (worst, _) = await MeasureAsync(document, operation, largestPages: true);
                var line = $"{Path.GetFileName(file)} {operation.Name?.StringValue}: cost {cost} (largest pages {worst}), depth {depth}";
                measured.Add(line);
                if (cost > Headroom || worst > Limits.MaxCost || depth > Limits.MaxDepth)
                {
                    tooCostly.Add(line);
                }
            }
        }

        Assert.Contains(measured, m => m.StartsWith("FamilyDashboard.graphql FamilyDashboard:", StringComparison.Ordinal));
        Assert.True(tooCostly.Count == 0, $"Over {Headroom} with default pages or over the limit with 50-item pages (limit {Limits.MaxCost}):\n{string.Join('\n', tooCostly)}");
    }

    [Fact]
    public async Task Cost_FullIntrospectionQuery_StaysWellBelowLimit()
    {
        var run = await NodeScript.RunAsync("introspection-query.mjs");
        var query = run.ParseJsonVerdict()["query"]!.GetValue<string>();
        var document = Parser.Parse(query);

        var (cost, depth) = await MeasureAsync(document, document.Definitions.OfType<GraphQLOperationDefinition>().Single());

        Assert.InRange(cost, 1, Headroom);
        Assert.InRange(depth, 1, Limits.MaxDepth);
    }

    [Fact]
    public async Task Post_FullIntrospectionQuery_IsNotRefused()
    {
        var run = await NodeScript.RunAsync("introspection-query.mjs");
        using var client = factory.CreateClient();

        var response = await client.PostGraphQLAsync(run.ParseJsonVerdict()["query"]!.GetValue<string>());

        Assert.True(response["errors"] is null, response.ToJsonString());
        Assert.NotEmpty(response["data"]!["__schema"]!["types"]!.AsArray());
    }

    [Fact]
    public async Task Post_FiveHundredAliasedFamilySelections_IsRefusedForCost()
    {
        var seed = FamilySeed.Create("Aliases", 3, 0, SystemClock.Instance.GetCurrentInstant());
        await seed.SaveAsync(factory.Services);
        var token = TestTokens.For(factory.Services, seed.Advisor);
        var query = new StringBuilder("query Abuse {");
        for (var i = 0; i < 500; i++)
        {
            query.Append(System.Globalization.CultureInfo.InvariantCulture, $" a{i}: me {{ family {{ members {{ id }} }} }}");
        }

        query.Append(" }");
        using var client = factory.CreateClient();

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/graphql", UriKind.Relative))
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { query = query.ToString() }),
        };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(body["data"]);
        var error = Assert.Single(body["errors"]!.AsArray())!;
        Assert.Equal("COMPLEXITY", error["extensions"]!["code"]!.GetValue<string>());
        Assert.Contains("too complex", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(Limits.MaxCost.ToString(System.Globalization.CultureInfo.InvariantCulture), error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_SameDocumentWithLargerPages_IsRefusedForCostAfterItsDocumentWasCached()
    {
        // The validated document is cached by its text after the first request; its cost depends on the variables,
        // so the cost rule must still run on the second request.
        const string Query = """
            query Pages($n: Int) { me { family { tasks(first: $n) { nodes { createdBy { family { tasks(first: $n) {
              nodes { createdBy { family { tasks(first: $n) { nodes { id } } } } } } } } } } } } }
            """;
        var seed = FamilySeed.Create("CachedCost", 3, 0, SystemClock.Instance.GetCurrentInstant());
        await seed.SaveAsync(factory.Services);
        var token = TestTokens.For(factory.Services, seed.Advisor);
        using var client = factory.CreateClient();

        var small = await client.PostGraphQLAsync(Query, new { n = 2 }, token);
        var large = await client.PostGraphQLAsync(Query, new { n = 50 }, token);

        Assert.Null(small["errors"]);
        Assert.True(factory.Services.GetRequiredService<ValidatedDocumentCache>().TryGet(Query, out _));
        Assert.Equal("COMPLEXITY", large["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_QueryDeeperThanLimit_IsRefusedWithSameCodeAsCost()
    {
        var query = "{ __type(name: \"User\") " + string.Concat(Enumerable.Repeat("{ ofType ", 16)) + "{ name }" + new string('}', 17);
        using var client = factory.CreateClient();

        var response = await client.PostGraphQLAsync(query);

        var error = Assert.Single(response["errors"]!.AsArray())!;
        Assert.Equal("COMPLEXITY", error["extensions"]!["code"]!.GetValue<string>());
        Assert.Contains("too nested", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cost_ConnectionWithoutFirst_CountsDefaultPageAndFirstCountsItsValue()
    {
        const string Template = "query Page { me { family { tasks{0} { edges { node { id title } } } } } }";
        var unpaged = await MeasureAsync(Template.Replace("{0}", "", StringComparison.Ordinal));
        var fifty = await MeasureAsync(Template.Replace("{0}", "(first: 50)", StringComparison.Ordinal));
        var two = await MeasureAsync(Template.Replace("{0}", "(first: 2)", StringComparison.Ordinal));

        // me + family + tasks + edges, then (node + id + title) per edge.
        Assert.Equal(4 + (3 * CostAnalysis.ConnectionDefaultPageSize), unpaged);
        Assert.Equal(4 + (3 * 50), fifty);
        Assert.Equal(4 + (3 * 2), two);
    }

    [Fact]
    public async Task Cost_ActiveTasksNestedThroughCreatorsFamily_IsPricedByTheListsBound()
    {
        // Issue 7: four levels of activeTasks { createdBy { family { activeTasks ... } } } were priced 1,248 and
        // returned 160 MB for a family of 40 tasks. Priced by activeTasks' true bound, two levels are already refused.
        const string Query = "{ me { family { activeTasks { createdBy { family { activeTasks { id title } } } } } } }";

        var cost = await MeasureAsync(Query);

        // me + family + activeTasks, then per task: createdBy + family + activeTasks + (id + title) per inner task.
        Assert.Equal(3 + (FamilyLimits.MaxActiveTasksListed * (3 + (FamilyLimits.MaxActiveTasksListed * 2))), cost);
        Assert.True(cost > Limits.MaxCost);
    }

    [Fact]
    public async Task Cost_SizeArguments_NarrowTheirListsBound()
    {
        // Each: the fields above the list, the list field, then one id per item it can hold.
        Assert.Equal(2 + 3, await MeasureAsync("{ me { recentTasks(limit: 3) { id } } }"));
        Assert.Equal(2 + RecentTasksByUserIdDataLoader.MaxLimit, await MeasureAsync("{ me { recentTasks(limit: 5000) { id } } }"));
        Assert.Equal(1 + 2, await MeasureAsync("{ nodes(ids: [\"a\", \"b\"]) { id } }"));
        Assert.Equal(3 + FamilyLimits.MaxMembers, await MeasureAsync("{ me { family { members { id } } } }"));
    }

    [Fact]
    public void Schema_EveryListOfObjects_DeclaresHowManyItemsItCanHold()
    {
        var schema = factory.Services.GetRequiredService<KdFamilySchema>();
        schema.Initialize();
        var undeclared = schema.AllTypes
            .OfType<IComplexGraphType>()
            .Where(type => type is not IInputObjectGraphType && !type.Name.StartsWith("__", StringComparison.Ordinal))
            .SelectMany(type => type.Fields.Select(field => (type, field)))
            .Where(pair => IsList(pair.field.ResolvedType) && pair.field.GetListSize() is null)
            .Select(pair => $"{pair.type.Name}.{pair.field.Name}")
            .ToList();

        Assert.True(undeclared.Count == 0, $"List fields without a ListSize (the cost analysis would assume {CostAnalysis.UndeclaredListSize}): {string.Join(", ", undeclared)}");

        static bool IsList(IGraphType? type) => (type is NonNullGraphType nonNull ? nonNull.ResolvedType : type) is ListGraphType;
    }

    private async Task<double> MeasureAsync(string query)
    {
        var document = Parser.Parse(query);
        return (await MeasureAsync(document, document.Definitions.OfType<GraphQLOperationDefinition>().Single())).Cost;
    }

    private async Task<(double Cost, int Depth)> MeasureAsync(GraphQLDocument document, GraphQLOperationDefinition operation, bool largestPages = false)
    {
        var schema = factory.Services.GetRequiredService<KdFamilySchema>();
        var rule = new MeasuringRule();
        var result = await new DocumentValidator().ValidateAsync(new ValidationOptions
        {
            Schema = schema,
            Document = document,
            Operation = operation,
            Rules = [rule],
            Variables = SampleVariables(operation, schema, largestPages),
            Extensions = Inputs.Empty,
            UserContext = new Dictionary<string, object?>(),
            RequestServices = factory.Services,
        });
        Assert.True(rule.Measured, $"not measured: {string.Join("; ", result.Errors.Select(e => e.Message))}");
        return (rule.Cost, rule.Depth);
    }

    /// <summary>
    /// Values for an operation's variables so it validates: required variables get a minimal value of their type; with
    /// <paramref name="largestPages"/> every Int is 50 (the largest page, so connections are measured at their worst),
    /// else optional ones are left out (the server's default page sizes).
    /// </summary>
    private static Inputs SampleVariables(GraphQLOperationDefinition operation, ISchema schema, bool largestPages)
    {
        var values = new Dictionary<string, object?>();
        foreach (var definition in operation.Variables?.Items ?? [])
        {
            var sample = Sample(definition.Type, schema, largestPages);
            if (sample is not null)
            {
                values[definition.Variable.Name.StringValue] = sample;
            }
        }

        return values.ToInputs();
    }

    private static object? Sample(GraphQLType type, ISchema schema, bool largestPages)
    {
        var required = type is GraphQLNonNullType;
        var inner = type is GraphQLNonNullType nonNull ? nonNull.Type : type;
        if (inner is GraphQLListType list)
        {
            return required ? new List<object?> { Sample(list.Type, schema, largestPages) } : null;
        }

        var named = schema.AllTypes[((GraphQLNamedType)inner).Name.StringValue];
        return Sample(named, required || (largestPages && named is IntGraphType));
    }

    private static object? Sample(IGraphType? type, bool required)
    {
        switch (type)
        {
            case not null when !required:
                return null;
            case IntGraphType:
                return 50;
            case EnumerationGraphType enumeration:
                return enumeration.Values.First().Name;
            case IInputObjectGraphType input:
                var fields = new Dictionary<string, object?>();
                if (input.IsOneOf)
                {
                    // Exactly one field (all of them are nullable): the first.
                    var first = input.Fields.First();
                    var itemType = first.ResolvedType is ListGraphType list ? list.ResolvedType : first.ResolvedType;
                    var item = Sample(itemType is NonNullGraphType nonNullItem ? nonNullItem.ResolvedType : itemType, true);
                    fields[first.Name] = first.ResolvedType is ListGraphType ? new List<object?> { item } : item;
                    return fields;
                }

                foreach (var field in input.Fields.Where(f => f.ResolvedType is NonNullGraphType && f.DefaultValue is null))
                {
                    fields[field.Name] = Sample(((NonNullGraphType)field.ResolvedType!).ResolvedType, true);
                }

                return fields;
            case ListGraphType list:
                return new List<object?> { Sample(list.ResolvedType is NonNullGraphType nonNullElement ? nonNullElement.ResolvedType : list.ResolvedType, true) };
            case BooleanGraphType:
                return false;
            case FloatGraphType:
                return 1.0;
            case ScalarGraphType scalar when scalar.Name == "DateTime":
                return "2026-01-01T00:00:00Z";
            case ScalarGraphType scalar when scalar.Name == "Date":
                return "2026-01-01";
            case UploadGraphType:
                return new SampleUpload();
            case ScalarGraphType:
                return "x";
            default:
                throw new InvalidOperationException($"No sample for {type}");
        }
    }

    /// <summary>The server's cost analysis, measuring even when other validation failed (e.g. required variables not given).</summary>
    private sealed class MeasuringRule : ValidationRuleBase
    {
        public bool Measured { get; private set; }

        public double Cost { get; private set; }

        public int Depth { get; private set; }

        public override ValueTask<INodeVisitor?> GetPostNodeVisitorAsync(ValidationContext context)
        {
            (Cost, Depth) = CostAnalysis.Measure(context, new GraphQLLimits { MaxCost = int.MaxValue, MaxDepth = 100 });
            Measured = true;
            return default;
        }
    }

    /// <summary>An upload as the multipart transport hands it over (its bytes are never read: the cost is measured before resolvers run).</summary>
    private sealed class SampleUpload : IUploadedFile
    {
        public string FileName => "sample.jpg";

        public string? DeclaredContentType => "image/jpeg";

        public long Length => 0;

        public bool ExceedsLimit => false;

        public Stream OpenReadStream() => new MemoryStream();
    }
}
