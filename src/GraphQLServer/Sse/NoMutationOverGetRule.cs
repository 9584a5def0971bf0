using GraphQL.Validation;
using GraphQLParser.AST;
using GraphQLServer.Http;

namespace GraphQLServer.Sse;

/// <summary>
/// GET must not run mutations (GraphQL over HTTP, GET). Unlike <see cref="QueryOnlyOverGetRule"/> it lets
/// subscriptions through: an event stream over GET is what a browser <c>EventSource</c> opens. The responder turns
/// the error into 405 with <c>Allow: POST</c>, as the graphql-sse reference server does.
/// </summary>
public sealed class NoMutationOverGetRule : ValidationRuleBase
{
    public static NoMutationOverGetRule Instance { get; } = new();

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var operation = context.Operation;
        if (operation.Operation == OperationType.Mutation)
        {
            context.ReportError(new OperationNotAllowedOverGetError(context, operation));
        }

        return default;
    }
}
