using GraphQL.Types;
using KdFamily.Graph.Families;
using KdFamily.Graph.Points;
using KdFamily.Graph.Tasks;

namespace KdFamily.Graph.Schema;

/// <summary>The Mutation root, assembled from each feature's extension method.</summary>
public sealed class MutationType : ObjectGraphType
{
    public MutationType()
    {
        Name = "Mutation";
        Description = "Changes to KD Family data. Each takes one `input` and returns a payload with the result and typed `errors`.";
        this.AddFamilyMutations();
        this.AddTaskMutations();
        this.AddPointsMutations();
    }
}
