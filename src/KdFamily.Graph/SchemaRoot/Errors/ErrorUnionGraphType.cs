using GraphQL.Types;

namespace KdFamily.Graph.SchemaRoot.Errors;

/// <summary>The union of the errors one mutation declares, e.g. <c>union ApproveTaskError = NotFoundError | ...</c>.</summary>
public abstract class ErrorUnionGraphType : UnionGraphType
{
    protected ErrorUnionGraphType(string mutationName, params Type[] errorGraphTypes)
    {
        ArgumentNullException.ThrowIfNull(mutationName);
        ArgumentNullException.ThrowIfNull(errorGraphTypes);
        Name = char.ToUpperInvariant(mutationName[0]) + mutationName[1..] + "Error";
        Description = $"The expected failures of `{mutationName}`.";
        foreach (var type in errorGraphTypes)
        {
            Type(type);
        }
    }
}
