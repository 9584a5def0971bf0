using System.Security.Claims;
using KdFamily.Domain.Users;

namespace KdFamily.Graph.Auth;

/// <summary>The claims our access tokens carry, and typed reads of them.</summary>
public static class KdFamilyClaims
{
    public const string UserId = "sub";
    public const string FamilyId = "family_id";
    public const string Role = "role";
    public const string Username = "name";

    /// <summary>The login session (refresh-token chain) the access token was issued for.</summary>
    public const string SessionId = "sid";

    public static Guid? GetUserId(this ClaimsPrincipal? principal) =>
        Guid.TryParse(principal?.FindFirst(UserId)?.Value, out var id) ? id : null;

    public static Guid? GetFamilyId(this ClaimsPrincipal? principal) =>
        Guid.TryParse(principal?.FindFirst(FamilyId)?.Value, out var id) ? id : null;

    public static Guid? GetSessionId(this ClaimsPrincipal? principal) =>
        Guid.TryParse(principal?.FindFirst(SessionId)?.Value, out var id) ? id : null;

    public static UserRole? GetRole(this ClaimsPrincipal? principal) =>
        Enum.TryParse<UserRole>(principal?.FindFirst(Role)?.Value, ignoreCase: true, out var role) ? role : null;
}
