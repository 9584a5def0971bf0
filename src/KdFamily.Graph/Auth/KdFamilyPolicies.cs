using GraphQL;
using GraphQL.Types;
using KdFamily.Domain.Users;
using Microsoft.AspNetCore.Authorization;

namespace KdFamily.Graph.Auth;

/// <summary>
/// Authorization policies for the role hierarchy MEMBER &lt; PARENT &lt; ADVISOR ("at least PARENT" admits ADVISOR too).
/// Use on the graph with <c>field.AuthorizeAtLeast(UserRole.Parent)</c>, or <c>.Authorize()</c> for any signed-in user.
/// </summary>
public static class KdFamilyPolicies
{
    public const string AtLeastMember = "AtLeastMember";
    public const string AtLeastParent = "AtLeastParent";
    public const string AtLeastAdvisor = "AtLeastAdvisor";

    public static string For(UserRole minimum) => minimum switch
    {
        UserRole.Member => AtLeastMember,
        UserRole.Parent => AtLeastParent,
        UserRole.Advisor => AtLeastAdvisor,
        _ => throw new ArgumentOutOfRangeException(nameof(minimum), minimum, "Unknown role."),
    };

    public static AuthorizationBuilder AddKdFamilyPolicies(this AuthorizationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var minimum in Enum.GetValues<UserRole>())
        {
            var allowed = Enum.GetValues<UserRole>().Where(r => r >= minimum).Select(UserRoleNames.Of).ToArray();
            builder.AddPolicy(For(minimum), policy => policy.RequireAuthenticatedUser().RequireRole(allowed));
        }

        return builder;
    }

    /// <summary>Requires a signed-in user whose role is <paramref name="minimum"/> or higher.</summary>
    public static TMetadataProvider AuthorizeAtLeast<TMetadataProvider>(this TMetadataProvider provider, UserRole minimum)
        where TMetadataProvider : IMetadataWriter =>
        provider.AuthorizeWithPolicy(For(minimum));
}
