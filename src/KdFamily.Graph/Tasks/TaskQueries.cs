using GraphQL;
using GraphQL.Types;
using GraphQLServer.DataLoader;
using GraphQLServer.Relay;
using KdFamily.Graph.Auth;

namespace KdFamily.Graph.Tasks;

public static class TaskQueries
{
    public static void AddTaskQueries(this ObjectGraphType query)
    {
        query.Field<TaskGraphType>("task")
            .Description("A task of the caller's family by global ID; null for unknown IDs and other families' tasks.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The task's global ID.")
            .Resolve(context =>
            {
                var familyId = context.RequireFamilyId();
                return GlobalId.Decode(context.GetArgument<string>("id"), "Task") is { } id
                    ? context.DataLoader<TaskByIdDataLoader>().LoadAsync(id).Then(t => t?.FamilyId == familyId ? t : null)
                    : null;
            });
    }
}
