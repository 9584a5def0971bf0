using GraphQL;

namespace GraphQLServer.Subscriptions;

/// <summary>
/// What a subscription event turns into when its subscriber's credential has expired or been revoked (see
/// <see cref="Authorization.ICredentialLifetime"/>): never sent as such; the WebSocket transports close the socket
/// with 4403 and the SSE transport ends the stream when they see it.
/// </summary>
public sealed class AuthorityRevokedResult : ExecutionResult
{
    public const string Code = "AUTH_SESSION_REVOKED";

    public AuthorityRevokedResult()
    {
        Errors = [new ExecutionError("The session has ended or its access has changed; sign in again.") { Code = Code }];
    }
}
