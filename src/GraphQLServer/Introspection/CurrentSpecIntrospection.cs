using GraphQL;
using GraphQL.DI;
using GraphQL.Resolvers;
using GraphQL.Types;
using GraphQL.Utilities;

namespace GraphQLServer.Introspection;

/// <summary>
/// Introspection as the current GraphQL spec (September 2025) describes it, which clients' full introspection queries
/// ask for (graphql-js <c>getIntrospectionQuery</c> with every option on, GraphQL Code Generator's URL loader):
/// <c>__Directive.isRepeatable</c>, <c>__Field.args(includeDeprecated:)</c>, <c>inputFields(includeDeprecated:)</c> and
/// <c>__InputValue.isDeprecated</c>/<c>deprecationReason</c> (GraphQL.NET's schema features), <c>__Type.isOneOf</c>
/// (GraphQL.NET has it), and what GraphQL.NET 8 lacks, added here: <c>__Type.specifiedByURL</c> and
/// <c>__Directive.args(includeDeprecated:)</c>.
/// </summary>
public static class CurrentSpecIntrospection
{
    /// <summary>Turns the features on for every schema the builder registers (before the schema initializes).</summary>
    public static IGraphQLBuilder AddCurrentSpecIntrospection(this IGraphQLBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.ConfigureSchema(schema =>
        {
            schema.Features.RepeatableDirectives = true;
            schema.Features.DeprecationOfInputValues = true;
            schema.RegisterVisitor(MissingIntrospectionFields.Instance);
        });
    }

    /// <summary>
    /// Adds <c>__Type.specifiedByURL: String</c>, null for every type: no scalar here declares a specification URL
    /// (the printed SDL carries no <c>@specifiedBy</c>), which the spec allows. Gives <c>__Directive.args</c> its
    /// <c>includeDeprecated: Boolean = false</c> argument, leaving deprecated arguments out unless it is true.
    /// </summary>
    private sealed class MissingIntrospectionFields : BaseSchemaNodeVisitor
    {
        public static MissingIntrospectionFields Instance { get; } = new();

        public override void VisitSchema(ISchema schema)
        {
            if (schema.AllTypes["__Type"] is IComplexGraphType type && !type.HasField("specifiedByURL"))
            {
                type.AddField(new FieldType
                {
                    Name = "specifiedByURL",
                    Type = typeof(StringGraphType),
                    ResolvedType = schema.AllTypes["String"],
                    Resolver = new FuncFieldResolver<string?>(_ => null),
                });
            }

            if (schema.AllTypes["__Directive"] is IComplexGraphType directive && directive.GetField("args") is { } args
                && args.Arguments?.Find("includeDeprecated") is null)
            {
                args.Arguments = new QueryArguments(new QueryArgument(schema.AllTypes["Boolean"]!)
                {
                    Name = "includeDeprecated",
                    DefaultValue = false,
                });
                args.Resolver = new FuncFieldResolver<Directive, IEnumerable<QueryArgument>>(context =>
                {
                    IEnumerable<QueryArgument> all = context.Source.Arguments ?? [];
                    return context.GetArgument("includeDeprecated", false)
                        ? all
                        : all.Where(argument => string.IsNullOrWhiteSpace(argument.DeprecationReason));
                });
            }
        }
    }
}
