using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;

namespace GraphQLServer.Limits;

/// <summary>The operation's cost and field depth, as far as they were measured (measuring stops once a limit is passed).</summary>
public readonly record struct OperationCost(double Cost, int Depth);

/// <summary>
/// Measures the selected operation of a validated document. Every field costs 1 (introspection
/// <see cref="GraphQLLimits.IntrospectionWeight"/>); a list field's children count as many times as the list can
/// hold items (<see cref="ListSize"/>): a fixed bound, an argument such as <c>limit</c>, or a connection's page
/// (<c>first</c>/<c>last</c>, else <see cref="ConnectionDefaultPageSize"/>). Each fragment is measured once per
/// page size and reused at every spread, and the walk stops as soon as the cost or depth limit is passed, so the
/// work is bounded by the document's written size.
/// </summary>
public static class CostAnalysis
{
    /// <summary>Edges a connection returns when the caller gives neither <c>first</c> nor <c>last</c>.</summary>
    public const int ConnectionDefaultPageSize = 10;

    /// <summary>What a list without a declared <see cref="ListSize"/> is assumed to hold (a schema test keeps there being none).</summary>
    public const int UndeclaredListSize = 50;

    public static OperationCost Measure(ValidationContext context, GraphQLLimits limits)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(limits);
        IGraphType? root = context.Operation.Operation switch
        {
            OperationType.Query => context.Schema.Query,
            OperationType.Mutation => context.Schema.Mutation,
            OperationType.Subscription => context.Schema.Subscription,
            _ => null,
        };
        if (root is null)
        {
            return default;
        }

        var (cost, depth) = new Walk(context, limits).SelectionSet(context.Operation.SelectionSet, root, ConnectionDefaultPageSize, inIntrospection: false);
        return new OperationCost(cost, depth);
    }

    private sealed class Walk(ValidationContext context, GraphQLLimits limits)
    {
        private readonly Dictionary<(ROM Fragment, int Page, bool InIntrospection), (double Cost, int Depth)> _fragments = [];
        private readonly HashSet<ROM> _measuring = [];

        public (double Cost, int Depth) SelectionSet(GraphQLSelectionSet selectionSet, IGraphType parentType, int page, bool inIntrospection)
        {
            double cost = 0;
            var depth = 0;
            foreach (var selection in selectionSet.Selections)
            {
                if (!IsIncluded(selection))
                {
                    continue;
                }

                var (partCost, partDepth) = selection switch
                {
                    GraphQLField field => Field(field, parentType, page, inIntrospection),
                    GraphQLInlineFragment inline => SelectionSet(
                        inline.SelectionSet,
                        inline.TypeCondition is { } condition ? context.Schema.AllTypes[condition.Type.Name.Value] ?? parentType : parentType,
                        page,
                        inIntrospection),
                    GraphQLFragmentSpread spread => Fragment(spread.FragmentName.Name.Value, page, inIntrospection),
                    _ => (0, 0),
                };
                cost += partCost;
                depth = Math.Max(depth, partDepth);
                if (cost > limits.MaxCost || depth > limits.MaxDepth)
                {
                    break;
                }
            }

            return (cost, depth);
        }

        private (double Cost, int Depth) Field(GraphQLField field, IGraphType parentType, int page, bool inIntrospection)
        {
            var name = field.Name.Value;
            var definition = name == "__typename"
                ? context.Schema.TypeNameMetaFieldType
                : parentType == context.Schema.Query && name == "__schema" ? context.Schema.SchemaMetaFieldType
                : parentType == context.Schema.Query && name == "__type" ? context.Schema.TypeMetaFieldType
                : (parentType as IComplexGraphType)?.GetField(name);
            if (definition is null)
            {
                // Validation has reported the unknown field.
                return (0, 1);
            }

            var startsIntrospection = !inIntrospection && (definition == context.Schema.SchemaMetaFieldType || definition == context.Schema.TypeMetaFieldType);
            var childrenInIntrospection = inIntrospection || startsIntrospection;
            double cost = 1;
            var depth = 1;
            if (field.SelectionSet is { } children && definition.ResolvedType?.GetNamedType() is { } childType)
            {
                var arguments = Arguments(field);
                var (childrenCost, childrenDepth) = SelectionSet(children, childType, PageOf(definition, arguments), childrenInIntrospection);
                cost += ItemsOf(definition, arguments, page, childrenInIntrospection) * childrenCost;
                depth += childrenDepth;
            }

            return (startsIntrospection ? cost * GraphQLLimits.IntrospectionWeight : cost, depth);
        }

        private (double Cost, int Depth) Fragment(ROM name, int page, bool inIntrospection)
        {
            var key = (name, page, inIntrospection);
            if (_fragments.TryGetValue(key, out var known))
            {
                return known;
            }

            var fragment = context.Document.FindFragmentDefinition(name);
            if (fragment is null || context.Schema.AllTypes[fragment.TypeCondition.Type.Name.Value] is not { } type || !_measuring.Add(name))
            {
                // Unknown fragments and cycles are validation errors reported elsewhere.
                return (0, 0);
            }

            var measured = SelectionSet(fragment.SelectionSet, type, page, inIntrospection);
            _measuring.Remove(name);
            return _fragments[key] = measured;
        }

        private IDictionary<string, GraphQL.Execution.ArgumentValue>? Arguments(GraphQLField field) =>
            context.ArgumentValues is { } all && all.TryGetValue(field, out var arguments) ? arguments : null;

        /// <summary>How many items a list field returns (1 for a field that is not a list).</summary>
        private static double ItemsOf(FieldType definition, IDictionary<string, GraphQL.Execution.ArgumentValue>? arguments, int page, bool inIntrospection)
        {
            var type = definition.ResolvedType is NonNullGraphType nonNull ? nonNull.ResolvedType : definition.ResolvedType;
            if (type is not ListGraphType)
            {
                return 1;
            }

            if (inIntrospection)
            {
                return GraphQLLimits.IntrospectionListSize;
            }

            var size = definition.GetListSize();
            if (size is null)
            {
                return UndeclaredListSize;
            }

            if (size.FromParentPage)
            {
                return page;
            }

            if (size.SizeArgument is { } argument && arguments is not null && arguments.TryGetValue(argument, out var value))
            {
                return value.Value switch
                {
                    int count => Math.Clamp(count, 0, size.Max),
                    System.Collections.ICollection items => Math.Min(items.Count, size.Max),
                    _ => size.Max,
                };
            }

            return size.Max;
        }

        /// <summary>The page a connection field asks for, which its edges and nodes hold.</summary>
        private static int PageOf(FieldType definition, IDictionary<string, GraphQL.Execution.ArgumentValue>? arguments)
        {
            if (definition.Arguments?.Find("first") is null || arguments is null)
            {
                return ConnectionDefaultPageSize;
            }

            var requested = arguments.TryGetValue("first", out var first) && first.Value is int firstCount ? firstCount
                : arguments.TryGetValue("last", out var last) && last.Value is int lastCount ? lastCount
                : ConnectionDefaultPageSize;
            return Math.Max(0, requested);
        }

        private bool IsIncluded(ASTNode selection)
        {
            if (selection is not IHasDirectivesNode { Directives.Count: > 0 } || context.DirectiveValues is not { } all
                || !all.TryGetValue(selection, out var directives))
            {
                return true;
            }

            return !(directives.TryGetValue("skip", out var skip) && skip.GetArgument("if", false))
                && !(directives.TryGetValue("include", out var include) && !include.GetArgument("if", true));
        }
    }
}
