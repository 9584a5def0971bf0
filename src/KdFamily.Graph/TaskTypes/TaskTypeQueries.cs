using GraphQL.Types;
using GraphQLServer.DataLoader;
using GraphQLServer.Limits;
using KdFamily.Domain.Families;

namespace KdFamily.Graph.TaskTypes;

public static class TaskTypeQueries
{
    /// <summary><c>Family.taskTypes</c>.</summary>
    public static void AddTaskTypes(this ObjectGraphType<Family> family)
    {
        family.Field<NonNullGraphType<ListGraphType<NonNullGraphType<TaskTypeGraphType>>>>("taskTypes")
            .Description($"The family's task types, by name (at most {FamilyLimits.MaxTaskTypes}).")
            .ListSize(FamilyLimits.MaxTaskTypes)
            .Resolve(c => c.DataLoader<TaskTypesByFamilyIdDataLoader>().LoadAsync(c.Source.Id));
    }
}
