using GraphQL.Types;
using GraphQL.Types.Relay;
using GraphQL.Types.Relay.DataObjects;
using GraphQLServer.Limits;

namespace GraphQLServer.Paging;

/// <summary>A Relay connection `{ pageInfo edges nodes }` with a name of our choosing (e.g. TasksConnection).</summary>
public abstract class ConnectionGraphType<TNodeType, TEdgeType, TSource> : ObjectGraphType<Connection<TSource>>
    where TNodeType : IGraphType
    where TEdgeType : IGraphType
{
    protected ConnectionGraphType(string name, string itemsDescription)
    {
        Name = name;
        Description = $"A page of {itemsDescription}, with cursors to fetch the pages around it.";
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Description("Whether more pages exist, and the cursors of this page's ends.")
            .Resolve(context => context.Source.PageInfo);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TEdgeType>>>>("edges").Description("The items of this page, each with its cursor.")
            .ListSizeOfParentPage()
            .Resolve(context => context.Source.Edges);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TNodeType>>>>("nodes").Description("The items of this page.")
            .ListSizeOfParentPage()
            .Resolve(context => context.Source.Edges?.Select(e => e.Node).ToList());
        Field<NonNullGraphType<IntGraphType>>(ConnectionFields.TotalCount)
            .Description("How many items all pages hold together, with the same filter (counted only when selected).")
            .Resolve(context => context.Source.TotalCount
                ?? throw new InvalidOperationException("The connection was built without counting; build it with PageRequest.From(context)."));
    }
}

/// <summary>Names of connection fields that resolvers look for in a selection.</summary>
public static class ConnectionFields
{
    public const string TotalCount = "totalCount";
}

/// <summary>An edge `{ cursor node }` of a connection.</summary>
public abstract class EdgeGraphType<TNodeType, TSource> : ObjectGraphType<Edge<TSource>>
    where TNodeType : IGraphType
{
    protected EdgeGraphType(string name, string itemDescription)
    {
        Name = name;
        Description = $"A {itemDescription} and its cursor.";
        Field<NonNullGraphType<StringGraphType>>("cursor").Description("Opaque cursor; pass it as `after` or `before`.")
            .Resolve(context => context.Source.Cursor);
        Field<NonNullGraphType<TNodeType>>("node").Description($"The {itemDescription}.").Resolve(context => context.Source.Node);
    }
}
