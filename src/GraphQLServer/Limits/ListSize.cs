using GraphQL.Builders;
using GraphQL.Types;

namespace GraphQLServer.Limits;

/// <summary>
/// The most items a list field can return, which the cost analysis multiplies its children by. Either a fixed bound
/// (a catalogue, a family's members), a bound an argument narrows (<c>limit</c>, <c>last</c>, the number of
/// <c>ids</c>), or the page of the connection above (<see cref="ParentPage"/>).
/// </summary>
public sealed record ListSize(int Max, string? SizeArgument = null)
{
    public const string MetadataKey = "graphqlserver.listSize";

    /// <summary>Edges and nodes of a connection: as many as the connection's <c>first</c>/<c>last</c> asks for.</summary>
    public static ListSize ParentPage { get; } = new(0, null) { FromParentPage = true };

    public bool FromParentPage { get; private init; }
}

public static class ListSizeExtensions
{
    /// <summary>This list returns at most <paramref name="max"/> items.</summary>
    public static FieldBuilder<TSource, TReturn> ListSize<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, int max)
    {
        ArgumentNullException.ThrowIfNull(field);
        field.FieldType.Metadata[Limits.ListSize.MetadataKey] = new ListSize(max);
        return field;
    }

    /// <summary>
    /// This list returns at most as many items as <paramref name="argument"/> says (an Int, or the length of a list
    /// argument), and never more than <paramref name="max"/>.
    /// </summary>
    public static FieldBuilder<TSource, TReturn> ListSize<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, string argument, int max)
    {
        ArgumentNullException.ThrowIfNull(field);
        field.FieldType.Metadata[Limits.ListSize.MetadataKey] = new ListSize(max, argument);
        return field;
    }

    /// <summary>Edges or nodes of a connection, sized by the connection's page.</summary>
    public static FieldBuilder<TSource, TReturn> ListSizeOfParentPage<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field)
    {
        ArgumentNullException.ThrowIfNull(field);
        field.FieldType.Metadata[Limits.ListSize.MetadataKey] = Limits.ListSize.ParentPage;
        return field;
    }

    public static ListSize? GetListSize(this IFieldType field) =>
        field?.GetMetadata<ListSize?>(Limits.ListSize.MetadataKey);
}
