using GraphQL.Types;

namespace KdFamily.Graph.Points;

public static class PointsMutations
{
    public static void AddPointsMutations(this ObjectGraphType mutation)
    {
        mutation.AddAwardPoints();
    }
}
