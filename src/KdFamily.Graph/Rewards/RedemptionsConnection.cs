using GraphQL;
using GraphQL.Types;
using GraphQLServer.Paging;
using GraphQLServer.Relay;
using KdFamily.Domain.Data;
using KdFamily.Domain.Families;
using KdFamily.Domain.Rewards;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using Microsoft.EntityFrameworkCore;
using NodaTime.Text;

namespace KdFamily.Graph.Rewards;

public sealed class RedemptionsConnectionType()
    : ConnectionGraphType<RedemptionGraphType, RedemptionsEdgeType, Redemption>("RedemptionsConnection", "redemptions");

public sealed class RedemptionsEdgeType() : EdgeGraphType<RedemptionGraphType, Redemption>("RedemptionsEdge", "redemption");

/// <summary>`Family.redemptions` and `User.redemptions`: newest first, filtered, paged by keyset cursors.</summary>
public static class RedemptionsConnection
{
    private static readonly KeysetKey<Redemption>[] Keys =
    [
        KeysetKey.Create<Redemption, NodaTime.Instant>("requestedAt", r => r.RequestedAt, true, InstantPattern.ExtendedIso.Format, s => InstantPattern.ExtendedIso.Parse(s).GetValueOrThrow()),
        KeysetKey.Create<Redemption, Guid>("id", r => r.Id, true, g => g.ToString("N"), s => Guid.ParseExact(s, "N")),
    ];

    public static void AddRedemptionsConnection(this ObjectGraphType<Family> family) =>
        family.AddConnection("The family's redemptions, newest first; default 10 per page, at most 50.", context => (context.Source.Id, null));

    /// <summary>One member's redemptions; null on a user of another family.</summary>
    public static void AddUserRedemptionsConnection(this ObjectGraphType<User> user) =>
        user.AddConnection(
            "The user's redemptions, newest first; default 10 per page, at most 50. Null on users of another family.",
            context => context.Source.FamilyId == context.RequireFamilyId() ? (context.Source.FamilyId, context.Source.Id) : null);

    private static void AddConnection<TSource>(
        this ObjectGraphType<TSource> type, string description, Func<IResolveFieldContext<TSource>, (Guid FamilyId, Guid? UserId)?> scope)
    {
        type.Field<RedemptionsConnectionType>("redemptions")
            .Description(description)
            .Argument<IntGraphType>("first", "Page size.")
            .Argument<StringGraphType>("after", "Cursor to read on from.")
            .Argument<IntGraphType>("last", "Page size, reading backward (from the oldest end, or from `before`).")
            .Argument<StringGraphType>("before", "Cursor to read backward from.")
            .Argument<RedemptionFilterInputType>("where", "Which redemptions to list.")
            .ResolveAsync(async context =>
            {
                if (scope(context) is not var (familyId, userId))
                {
                    return null;
                }

                var filter = context.GetArgument<RedemptionFilter?>("where");
                var dbFactory = context.RequestServices!.GetRequiredService<IDbContextFactory<KdFamilyDbContext>>();
                await using var db = await dbFactory.CreateDbContextAsync(context.CancellationToken);
                var query = db.Redemptions.AsNoTracking().Where(r => r.FamilyId == familyId);
                query = userId is { } owner ? query.Where(r => r.UserId == owner) : query;
                query = filter?.Status is { } status ? query.Where(r => r.Status == status) : query;
                if (filter?.UserId is { } filterUser)
                {
                    var filterUserId = GlobalId.Decode(filterUser, "User");
                    query = query.Where(r => r.UserId == filterUserId);
                }

                return await KeysetPaging.ToConnectionAsync(query, Keys, PageRequest.From(context), context.CancellationToken);
            });
    }
}
