using GraphQL.Validation;
using GraphQLParser.AST;

namespace GraphQLServer.Http;

/// <summary>
/// GET must not run mutations or subscriptions (GraphQL over HTTP, GET). Added to the validation rules of GET
/// requests only; the transport turns the error it reports into 405 with <c>Allow: POST</c>.
/// </summary>
public sealed class QueryOnlyOverGetRule : ValidationRuleBase
{
    public static QueryOnlyOverGetRule Instance { get; } = new();

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var operation = context.Operation;
        if (operation.Operation != OperationType.Query)
        {
            context.ReportError(new OperationNotAllowedOverGetError(context, operation));
        }

        return default;
    }
}

/// <summary>A mutation or subscription sent with GET; its code is <c>OPERATION_NOT_ALLOWED_OVER_GET</c>.</summary>
public sealed class OperationNotAllowedOverGetError(ValidationContext context, GraphQLOperationDefinition operation)
    : ValidationError(
        context?.Document.Source ?? default,
        null!,
        $"Only query operations may be sent with GET; send this {operation?.Operation.ToString().ToLowerInvariant()} with POST.",
        operation!);
