using GraphQL.Types;

namespace KdFamily.Graph.Users;

public static class UserMutations
{
    public static void AddUserMutations(this ObjectGraphType mutation)
    {
        mutation.AddUpdateProfile();
    }
}
