using GraphQL.Types;
using KdFamily.Domain.Users;

namespace KdFamily.Graph.Users;

public sealed class UserRoleType : EnumerationGraphType<UserRole>
{
    public UserRoleType()
    {
        Name = "UserRole";
        Description = "A member's role in the family, in a strict hierarchy: MEMBER < PARENT < ADVISOR.";
        Values["ADVISOR"]!.Description = "Runs the family: everything a parent can do, plus family settings, roles and removing members.";
        Values["PARENT"]!.Description = "Creates, assigns, approves and rejects tasks and awards points.";
        Values["MEMBER"]!.Description = "Claims, starts and completes tasks to earn points.";
    }
}
