using GraphQL.Types;
using KdFamily.Domain.Users;

namespace KdFamily.Graph.Users;

public sealed class UserType : ObjectGraphType<User>
{
    public UserType()
    {
        Name = "User";
        Description = "A member of a family.";
        Field(u => u.Username).Description("Unique login name.");
        Field(u => u.FullName).Description("Display name.");
    }
}
