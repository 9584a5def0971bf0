using GraphQL;
using GraphQL.Types;
using GraphQLServer.DataLoader;
using GraphQLServer.Relay;
using KdFamily.Graph.Auth;

namespace KdFamily.Graph.Users;

public static class UserQueries
{
    public static void AddUserQueries(this ObjectGraphType query)
    {
        query.Field<UserType>("me")
            .Description("The signed-in user.")
            .Resolve(context => context.DataLoader<UserByIdDataLoader>().LoadAsync(context.RequireUserId()));

        query.Field<UserType>("user")
            .Description("A user of the caller's family by global ID; null for unknown IDs and other families' users.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The user's global ID.")
            .Resolve(context =>
            {
                var familyId = context.RequireFamilyId();
                return GlobalId.Decode(context.GetArgument<string>("id"), "User") is { } id
                    ? context.DataLoader<UserByIdDataLoader>().LoadAsync(id).Then(u => u?.FamilyId == familyId ? u : null)
                    : null;
            });
    }
}
