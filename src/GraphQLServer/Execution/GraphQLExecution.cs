using System.Security.Claims;
using GraphQL;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLServer.DataLoader;

namespace GraphQLServer.Execution;

/// <summary>
/// How every transport (HTTP, both WebSocket subprotocols, SSE) runs a request: the same executer, so the same
/// execution settings (<c>AddServerDefaults</c>: document limits, cost, error masking, unhandled-exception logging);
/// a transport only adds the validation rule of its own method (e.g. nothing but queries over GET).
/// </summary>
public static class GraphQLExecution
{
    public static Task<ExecutionResult> ExecuteAsync<TSchema>(
        GraphQLRequest request, ClaimsPrincipal user, IServiceProvider requestServices, CancellationToken cancellationToken,
        IValidationRule? transportRule = null)
        where TSchema : ISchema
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(requestServices);
        var userContext = new Dictionary<string, object?>();
        DataLoaderExtensions.Remember(userContext, requestServices);
        return requestServices.GetRequiredService<IDocumentExecuter<TSchema>>().ExecuteAsync(new ExecutionOptions
        {
            UserContext = userContext,
            Query = request.Query,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            ValidationRules = transportRule is null ? null : DocumentValidator.CoreRules.Append(transportRule),
            CachedDocumentValidationRules = transportRule is null ? null : [transportRule],
            User = user,
            RequestServices = requestServices,
            CancellationToken = cancellationToken,
        });
    }
}
