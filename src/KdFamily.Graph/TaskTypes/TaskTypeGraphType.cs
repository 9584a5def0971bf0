using GraphQL.Types;
using GraphQLServer.Relay;
using GraphQLServer.Scalars;
using KdFamily.Domain.Tasks;

namespace KdFamily.Graph.TaskTypes;

public sealed class TaskTypeGraphType : ObjectGraphType<TaskType>
{
    public TaskTypeGraphType()
    {
        Name = "TaskType";
        Description = "A family's category of chores (e.g. \"Kitchen\"), with default points.";
        this.ImplementsNode(t => t.Id);
        Field<NonNullGraphType<StringGraphType>>("name").Description("The name, unique within the family.").Resolve(c => c.Source.Name);
        Field<StringGraphType>("icon").Description("An icon name or emoji shown beside the name.").Resolve(c => c.Source.Icon);
        Field<NonNullGraphType<IntGraphType>>("defaultPoints").Description("Points suggested for new tasks of this type.")
            .Resolve(c => c.Source.DefaultPoints);
        Field<NonNullGraphType<InstantGraphType>>("createdAt").Description("When the type was created.").Resolve(c => c.Source.CreatedAt);
    }
}
