using GraphQL;
using GraphQL.Types;
using GraphQLServer.DataLoader;
using GraphQLServer.Relay;
using KdFamily.Graph.Auth;

namespace KdFamily.Graph.Families;

public static class FamilyQueries
{
    public static void AddFamilyQueries(this ObjectGraphType query)
    {
        query.Field<FamilyType>("family")
            .Description("The caller's family by global ID; null for any other ID (unknown, malformed or another family's).")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The family's global ID.")
            .Resolve(context =>
            {
                var familyId = context.RequireFamilyId();
                return GlobalId.Decode(context.GetArgument<string>("id"), "Family") == familyId
                    ? context.DataLoader<FamilyByIdDataLoader>().LoadAsync(familyId)
                    : null;
            });
    }
}
