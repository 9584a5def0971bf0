using GraphQL;
using GraphQL.Types;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Data;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Points;
using KdFamily.Domain.Users;
using KdFamily.Graph.Audit;
using KdFamily.Graph.Auth;
using KdFamily.Graph.LiveUpdates;
using KdFamily.Graph.Schema.Errors;
using KdFamily.Graph.Tasks;
using Microsoft.EntityFrameworkCore;

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
    public static void AddAwardPoints(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<AwardPointsPayloadType>>("awardPoints")
            .Description("A parent or advisor awards or deducts points, with a reason. Written to the ledger with a consistent running balance, and audited.")
            .AuthorizeAtLeast(UserRole.Parent)
            .Argument<NonNullGraphType<AwardPointsInputType>>("input", "Everything this mutation needs, as one input object.")
            .ResolveAsync(async context => MutationPayload.From(await AwardAsync(context, context.GetArgument<AwardPointsInput>("input"))));
    }

    private static async Task<Result<PointsTransaction>> AwardAsync(IResolveFieldContext context, AwardPointsInput input)
    {
        var services = context.RequestServices!;
        var db = services.GetRequiredService<KdFamilyDbContext>();
        var handler = services.GetRequiredService<TaskWorkflowHandler>();
        var cancellationToken = context.CancellationToken;
        var actor = await handler.LoadActorAsync(context.RequireUserId(), cancellationToken);
        if (actor is null)
        {
            return NotFoundError.Of("User");
        }

        var recipient = await handler.LoadMemberAsync(input.UserId, actor.FamilyId, cancellationToken);
        var entry = PointsAwards.Manual(actor, recipient, input.Points, input.Reason, input.IdempotencyKey);
        if (entry.Value is not { } award)
        {
            return entry.Error!;
        }

        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            var row = (await services.GetRequiredService<PointsLedger>().AppendAsync(actor.FamilyId, recipient!.Id, [award], cancellationToken))[0];
            services.GetRequiredService<AuditTrail>().Record(
                AuditActions.PointsAwarded, actor.FamilyId, actor.Id, "User", recipient.Id,
                new { points = row.Delta, balanceAfter = row.BalanceAfter, reason = row.Reason, ledgerRowId = row.Id });
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);

            // After the commit: pointsAwarded and leaderboardUpdated for the family.
            var events = services.GetRequiredService<IFamilyEvents>();
            events.PointsAwarded(row);
            await events.PublishAsync();
            return row;
        }
        catch (DbUpdateException exception) when (PointsLedger.IsDuplicateAward(exception))
        {
            db.ChangeTracker.Clear();
            return new AlreadyAwardedError("An award with this idempotency key was already made.");
        }
    }
}
