using GraphQL.Types;
using KdFamily.Domain.Users;

namespace KdFamily.Graph.Users;

public sealed class UserRoleType : EnumerationGraphType<UserRole>
{
    public UserRoleType()
    {
        Name = "UserRole";
        Description = "A member's role in the family, in a strict hierarchy: MEMBER < PARENT < ADVISOR.";
    }
}
