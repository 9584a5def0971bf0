using GraphQL.Types;

namespace GraphQLServer.Paging;

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
        Values["ASC"]!.Description = "Ascending: smallest, earliest or alphabetically first first.";
        Values["DESC"]!.Description = "Descending: largest, latest or alphabetically last first.";
    }
}
