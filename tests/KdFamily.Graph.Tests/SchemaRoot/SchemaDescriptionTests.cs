using GraphQL.Types;
using KdFamily.Graph.SchemaRoot;
using KdFamily.Graph.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KdFamily.Graph.Tests.SchemaRoot;

/// <summary>
/// DESIGN §5: descriptions on every type and field. IDEs (Banana Cake Pop) show them, so every type, field,
/// argument, input field and enum value of the KD Family schema has one; introspection types and built-in scalars
/// are GraphQL's own.
/// </summary>
public sealed class SchemaDescriptionTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    private static readonly HashSet<string> BuiltInScalars = ["String", "Int", "Float", "Boolean", "ID"];

    [Fact]
    public void Schema_EveryElement_HasADescription()
    {
        var schema = factory.Services.GetRequiredService<KdFamilySchema>();
        schema.Initialize();

        var missing = MissingDescriptions(schema).ToList();

        Assert.True(missing.Count == 0, $"{missing.Count} schema element(s) without a description:\n{string.Join('\n', missing)}");
    }

    [Fact]
    public void MissingDescriptions_UndescribedEnumValueAndArgument_AreReported()
    {
        var query = new ObjectGraphType { Name = "Query", Description = "Root." };
        var color = new EnumerationGraphType { Name = "Color", Description = "A color." };
        color.Add(new EnumValueDefinition("RED", 1) { Description = "Red." });
        color.Add(new EnumValueDefinition("BLUE", 2));
        query.AddField(new FieldType
        {
            Name = "paint",
            Description = "Paints.",
            ResolvedType = color,
            Arguments = new QueryArguments(new QueryArgument<IntGraphType> { Name = "coats" }),
        });
        var schema = new GraphQL.Types.Schema { Query = query };
        schema.RegisterType(color);
        schema.Initialize();

        Assert.Equal(["Color.BLUE", "Query.paint(coats)"], MissingDescriptions(schema).Order(StringComparer.Ordinal));
    }

    private static IEnumerable<string> MissingDescriptions(ISchema schema)
    {
        foreach (var type in schema.AllTypes)
        {
            if (type.Name.StartsWith("__", StringComparison.Ordinal) || BuiltInScalars.Contains(type.Name))
            {
                continue;
            }

            if (string.IsNullOrWhiteSpace(type.Description))
            {
                yield return type.Name;
            }

            if (type is EnumerationGraphType enumeration)
            {
                foreach (var value in enumeration.Values.Where(v => string.IsNullOrWhiteSpace(v.Description)))
                {
                    yield return $"{type.Name}.{value.Name}";
                }
            }

            if (type is IComplexGraphType complex)
            {
                foreach (var field in complex.Fields)
                {
                    if (string.IsNullOrWhiteSpace(field.Description))
                    {
                        yield return $"{type.Name}.{field.Name}";
                    }

                    foreach (var argument in field.Arguments ?? [])
                    {
                        if (string.IsNullOrWhiteSpace(argument.Description))
                        {
                            yield return $"{type.Name}.{field.Name}({argument.Name})";
                        }
                    }
                }
            }
        }
    }
}
