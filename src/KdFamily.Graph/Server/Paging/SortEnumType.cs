using GraphQL.Types;

namespace KdFamily.Graph.Server.Paging;

public enum SortDirection
{
    Asc,
    Desc,
}

public sealed class SortEnumType : EnumerationGraphType<SortDirection>
{
    public SortEnumType()
    {
        Name = "SortEnumType";
        Description = "Sort direction.";
    }
}
