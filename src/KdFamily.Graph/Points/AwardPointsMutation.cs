using GraphQL.Types;
using GraphQLServer.Relay;
using KdFamily.Application.Points;
using KdFamily.Domain.Points;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.SchemaRoot;
using KdFamily.Graph.SchemaRoot.Errors;
using KdFamily.Graph.Tasks;

namespace KdFamily.Graph.Points;

public sealed record AwardPointsInput(string UserId, int Points, string Reason, string? IdempotencyKey);

public sealed class AwardPointsInputType : InputObjectGraphType<AwardPointsInput>
{
    public AwardPointsInputType()
    {
        Name = "AwardPointsInput";
        Description = "Points to award to, or deduct from, a member.";
        Field<NonNullGraphType<IdGraphType>>("userId").Description("Another current member of the caller's family.");
        Field<NonNullGraphType<IntGraphType>>("points").Description("Positive to award, negative to deduct; not 0, at most 10000 either way.");
        Field<NonNullGraphType<StringGraphType>>("reason").Description("Why (required, at most 500 characters); shown in the member's history.");
        Field<StringGraphType>("idempotencyKey")
            .Description("Optional client key (1–100 characters): a retry with the same key is refused with ALREADY_AWARDED instead of paying twice.");
    }
}

public sealed class AwardPointsErrorType() : ErrorUnionGraphType(
    "awardPoints", typeof(NotFoundErrorType), typeof(NotAuthorizedErrorType), typeof(ValidationErrorType), typeof(AlreadyAwardedErrorType));

public sealed class AwardPointsPayloadType() : PayloadGraphType<PointsTransaction, PointsTransactionType, AwardPointsErrorType>(
    "awardPoints", "transaction", "The ledger row written, with the member's balance after it.");

public static class AwardPointsMutation
{
    public static void AddAwardPoints(this ObjectGraphType mutation) =>
        mutation.AddUseCase<AwardPointsPayloadType, AwardPointsInputType, AwardPoints, PointsTransaction>(
            "awardPoints",
            "A parent or advisor awards or deducts points, with a reason. Written to the ledger with a consistent running balance, and audited.",
            UserRole.Parent,
            context =>
            {
                var input = context.Input<AwardPointsInput>();
                return new AwardPoints(context.RequireUserId(), GlobalId.Decode(input.UserId, "User"), input.Points, input.Reason, input.IdempotencyKey);
            });
}
