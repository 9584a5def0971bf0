using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;
using GraphQLServer.Scalars;
using Microsoft.Extensions.Options;
using NodaTime;

namespace GraphQLServer.Validation;

/// <summary>
/// Refuses, before any resolver runs and on every transport, argument values that are valid GraphQL but that nothing
/// behind the schema can store or compute with: strings (String, ID, any string scalar) holding NUL (U+0000, which
/// PostgreSQL text cannot hold) and Date/DateTime values outside <see cref="InputValueLimits"/>. Inline literals are
/// checked with the argument path (<c>input.title</c>), variables with the variable path (<c>input.ids[1]</c>).
/// </summary>
public sealed class InputValueValidationRule(IOptions<InputValueLimits> options) : ValidationRuleBase
{
    private readonly InputValueLimits _limits = (options ?? throw new ArgumentNullException(nameof(options))).Value;

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
        new(new MatchingNodeVisitor<GraphQLArgument>((argument, ctx) =>
            CheckLiteral(ctx, argument, argument.Name.StringValue, argument.Value, ctx.TypeInfo.GetArgument()?.ResolvedType)));

    public override ValueTask<IVariableVisitor?> GetVariableVisitorAsync(ValidationContext context) => new(new VariableVisitor(this));

    private void CheckLiteral(ValidationContext context, ASTNode node, string path, GraphQLValue value, IGraphType? type)
    {
        var unwrapped = type is NonNullGraphType nonNull ? nonNull.ResolvedType : type;
        switch (value)
        {
            case GraphQLListValue list:
                var itemType = unwrapped is ListGraphType listType ? listType.ResolvedType : unwrapped;
                for (var i = 0; i < (list.Values?.Count ?? 0); i++)
                {
                    CheckLiteral(context, node, $"{path}[{i}]", list.Values![i], itemType);
                }

                break;
            case GraphQLObjectValue obj:
                var inputType = (unwrapped is ListGraphType itemList ? itemList.ResolvedType : unwrapped)?.GetNamedType() as IInputObjectGraphType;
                foreach (var field in obj.Fields ?? [])
                {
                    CheckLiteral(context, field, $"{path}.{field.Name.StringValue}", field.Value, inputType?.GetField(field.Name.StringValue)?.ResolvedType);
                }

                break;
            case GraphQLStringValue text:
                var scalar = unwrapped?.GetNamedType() as ScalarGraphType;
                var parsed = scalar is LocalDateGraphType or InstantGraphType ? TryParseLiteral(scalar, text) : (string)text.Value;
                Check(context, node, path, parsed);
                break;
        }
    }

    private static object? TryParseLiteral(ScalarGraphType scalar, GraphQLStringValue text)
    {
        try
        {
            return scalar.ParseLiteral(text);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentException)
        {
            return null; // not a date at all: ArgumentsOfCorrectType reports it
        }
    }

    private void Check(ValidationContext context, ASTNode node, string path, object? value)
    {
        var problem = value switch
        {
            string s when s.Contains('\0', StringComparison.Ordinal) => $"`{path}` must not contain NUL characters (U+0000).",
            LocalDate date when !_limits.Contains(date) => $"`{path}` must be a date between {_limits.MinDate} and {_limits.MaxDate}.",
            Instant instant when !_limits.Contains(instant) => $"`{path}` must be a point in time between {_limits.MinDate} and {_limits.MaxDate} (UTC).",
            _ => null,
        };
        if (problem is not null)
        {
            context.ReportError(new InputValueError(context, node, path, problem));
        }
    }

    private sealed class VariableVisitor(InputValueValidationRule rule) : BaseVariableVisitor
    {
        public override ValueTask VisitScalarAsync(
            ValidationContext context, GraphQLVariableDefinition variable, VariableName variableName, ScalarGraphType type, object? variableValue, object? parsedValue)
        {
            rule.Check(context, variable, variableName.ToString(), parsedValue);
            return default;
        }
    }
}
