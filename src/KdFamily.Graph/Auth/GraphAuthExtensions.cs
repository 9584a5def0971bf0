using GraphQL;
using GraphQLServer.Authorization;
using KdFamily.Domain.Users;

namespace KdFamily.Graph.Auth;

/// <summary>
/// The one place resolvers ask who the caller is. Reading data needs a signed-in caller; everything is scoped to
/// the caller's family. (The schema-wide authorization rule can replace the throw here without touching resolvers.)
/// </summary>
public static class GraphAuthExtensions
{
    /// <summary>The caller's family, or an AUTH_NOT_AUTHENTICATED error.</summary>
    public static Guid RequireFamilyId(this IResolveFieldContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.User.GetFamilyId() ?? throw NotAuthenticated();
    }

    /// <summary>The caller's user id, or an AUTH_NOT_AUTHENTICATED error.</summary>
    public static Guid RequireUserId(this IResolveFieldContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.User.GetUserId() is { } userId && context.User.GetFamilyId() is not null ? userId : throw NotAuthenticated();
    }

    /// <summary>The caller's role (MEMBER when unknown).</summary>
    public static UserRole CallerRole(this IResolveFieldContext context) => context?.User.GetRole() ?? UserRole.Member;

    private static ExecutionError NotAuthenticated() =>
        new("Sign in first: this field needs a valid access token.") { Code = AuthorizationError.NotAuthenticatedCode };
}
