using GraphQL.Types;

namespace KdFamily.Graph.Families;

public static class FamilyMutations
{
    public static void AddFamilyMutations(this ObjectGraphType mutation)
    {
        mutation.AddRegenerateInviteCode();
    }
}
