using GraphQLServer.Relay;
using KdFamily.Application.Auth;
using KdFamily.Domain.Users;

namespace KdFamily.Graph.Auth;

/// <summary>Answer of register, login and refresh.</summary>
/// <param name="AccessToken">JWT for <c>Authorization: Bearer …</c> on /graphql.</param>
/// <param name="RefreshToken">Single-use token for POST refresh; each refresh returns the next one.</param>
/// <param name="ExpiresIn">Seconds until the access token expires.</param>
/// <param name="TokenType">Always "Bearer".</param>
/// <param name="User">The signed-in user.</param>
public sealed record AuthResponse(string AccessToken, string RefreshToken, int ExpiresIn, string TokenType, AuthUserResponse User)
{
    public static AuthResponse Of(SignedIn signedIn)
    {
        ArgumentNullException.ThrowIfNull(signedIn);
        return new AuthResponse(signedIn.AccessToken, signedIn.RefreshToken, (int)signedIn.ExpiresIn.TotalSeconds, "Bearer", AuthUserResponse.Of(signedIn.User));
    }
}

/// <summary>The signed-in user, with the same global IDs the graph uses.</summary>
/// <param name="Id">The user's global ID, as the graph's <c>User.id</c>.</param>
/// <param name="Username">Login name (lower-case).</param>
/// <param name="FullName">Display name.</param>
/// <param name="Role">MEMBER, PARENT or ADVISOR.</param>
/// <param name="FamilyId">The family's global ID, as the graph's <c>Family.id</c>.</param>
public sealed record AuthUserResponse(string Id, string Username, string FullName, string Role, string FamilyId)
{
    public static AuthUserResponse Of(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new AuthUserResponse(
            GlobalId.Encode("User", user.Id),
            user.Username,
            user.FullName,
            UserRoleNames.Of(user.Role),
            GlobalId.Encode("Family", user.FamilyId));
    }
}
