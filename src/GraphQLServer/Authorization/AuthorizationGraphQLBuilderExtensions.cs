using GraphQL;
using GraphQL.DI;

namespace GraphQLServer.Authorization;

public static class AuthorizationGraphQLBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="AuthorizationValidationRule"/> to every execution, cached documents included (authorization
    /// depends on the caller, not on the document).
    /// </summary>
    public static IGraphQLBuilder AddAuthorizationRule(this IGraphQLBuilder builder) =>
        builder.AddValidationRule<AuthorizationValidationRule>(useForCachedDocuments: true);
}
