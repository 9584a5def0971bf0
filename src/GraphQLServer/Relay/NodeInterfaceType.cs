using GraphQL.Types;

namespace GraphQLServer.Relay;

/// <summary>Relay's `interface Node { id: ID! }`: every object that can be refetched by its global ID.</summary>
public sealed class NodeInterfaceType : InterfaceGraphType
{
    public NodeInterfaceType()
    {
        Name = "Node";
        Description = "An object with a global ID; refetch any of them with `node(id:)`.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The object's opaque global ID.");
    }
}

public static class NodeGraphTypeExtensions
{
    /// <summary>Declares that the type implements Node, with `id` encoding <paramref name="id"/> as a global ID of this type.</summary>
    public static void ImplementsNode<TSource>(this ObjectGraphType<TSource> type, Func<TSource, Guid> id)
    {
        ArgumentNullException.ThrowIfNull(type);
        type.Interface<NodeInterfaceType>();
        type.IsTypeOf = source => source is TSource;
        var typeName = type.Name;
        type.Field<NonNullGraphType<IdGraphType>>("id")
            .Description($"The {typeName}'s opaque global ID.")
            .Resolve(context => GlobalId.Encode(typeName, id(context.Source)));
    }
}
