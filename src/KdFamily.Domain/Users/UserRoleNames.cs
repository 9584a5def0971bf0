namespace KdFamily.Domain.Users;

/// <summary>A role's wire name, as the schema's <c>UserRole</c> enum, the role claim and audit details spell it.</summary>
public static class UserRoleNames
{
    public static string Of(UserRole role) => role switch
    {
        UserRole.Member => "MEMBER",
        UserRole.Parent => "PARENT",
        UserRole.Advisor => "ADVISOR",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Not a role."),
    };
}
