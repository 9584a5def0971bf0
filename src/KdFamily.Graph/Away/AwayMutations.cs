using GraphQL.Types;

namespace KdFamily.Graph.Away;

public static class AwayMutations
{
    public static void AddAwayMutations(this ObjectGraphType mutation)
    {
        mutation.AddSetAway();
        mutation.AddClearAway();
    }
}
