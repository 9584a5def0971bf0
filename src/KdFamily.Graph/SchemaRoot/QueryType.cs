using GraphQL.Types;
using KdFamily.Graph.Families;
using KdFamily.Graph.Tasks;
using KdFamily.Graph.Users;

namespace KdFamily.Graph.SchemaRoot;

/// <summary>The Query root, assembled from each feature's extension method.</summary>
public sealed class QueryType : ObjectGraphType
{
    public QueryType()
    {
        Name = "Query";
        Description = "Entry points for reading KD Family data.";
        this.AddNodeQueries();
        this.AddUserQueries();
        this.AddFamilyQueries();
        this.AddTaskQueries();
    }
}
