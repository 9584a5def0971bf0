using GraphQL.Types;
using GraphQLServer.Paging;
using KdFamily.Domain.Data;
using KdFamily.Domain.Families;
using KdFamily.Domain.Points;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using Microsoft.EntityFrameworkCore;
using NodaTime.Text;

namespace KdFamily.Graph.Points;

public sealed class PointsTransactionsConnectionType()
    : ConnectionGraphType<PointsTransactionType, PointsTransactionsEdgeType, PointsTransaction>("PointsTransactionsConnection", "points transactions");

public sealed class PointsTransactionsEdgeType() : EdgeGraphType<PointsTransactionType, PointsTransaction>("PointsTransactionsEdge", "points transaction");

/// <summary>`Family.pointsHistory`: the family's ledger, newest first, paged by keyset cursors.</summary>
public static class PointsHistoryConnection
{
    private static readonly KeysetKey<PointsTransaction>[] Keys =
    [
        KeysetKey.Create<PointsTransaction, NodaTime.Instant>("createdAt", p => p.CreatedAt, true, InstantPattern.ExtendedIso.Format, s => InstantPattern.ExtendedIso.Parse(s).GetValueOrThrow()),
        KeysetKey.Create<PointsTransaction, Guid>("id", p => p.Id, true, g => g.ToString("N"), s => Guid.ParseExact(s, "N")),
    ];

    public static void AddPointsHistoryConnection(this ObjectGraphType<Family> family)
    {
        family.Field<PointsTransactionsConnectionType>("pointsHistory")
            .Description("The family's points ledger, newest first; default 10 per page, at most 50.")
            .Argument<IntGraphType>("first", "Page size.")
            .Argument<StringGraphType>("after", "Cursor to read on from.")
            .Argument<IntGraphType>("last", "Page size, reading backward (from the oldest end, or from `before`).")
            .Argument<StringGraphType>("before", "Cursor to read backward from.")
            .ResolveAsync(async context =>
            {
                var dbFactory = context.RequestServices!.GetRequiredService<IDbContextFactory<KdFamilyDbContext>>();
                await using var db = await dbFactory.CreateDbContextAsync(context.CancellationToken);
                var query = db.PointsHistory.AsNoTracking().Where(p => p.FamilyId == context.Source.Id);
                return await KeysetPaging.ToConnectionAsync(query, Keys, PageRequest.From(context), context.CancellationToken);
            });
    }

    /// <summary>`User.pointsHistory`: one member's rows of the family ledger; null on a user of another family.</summary>
    public static void AddUserPointsHistoryConnection(this ObjectGraphType<User> user)
    {
        user.Field<PointsTransactionsConnectionType>("pointsHistory")
            .Description("The user's points ledger, newest first; default 10 per page, at most 50. Null on users of another family.")
            .Argument<IntGraphType>("first", "Page size.")
            .Argument<StringGraphType>("after", "Cursor to read on from.")
            .Argument<IntGraphType>("last", "Page size, reading backward (from the oldest end, or from `before`).")
            .Argument<StringGraphType>("before", "Cursor to read backward from.")
            .ResolveAsync(async context =>
            {
                var familyId = context.RequireFamilyId();
                if (context.Source.FamilyId != familyId)
                {
                    return null;
                }

                var dbFactory = context.RequestServices!.GetRequiredService<IDbContextFactory<KdFamilyDbContext>>();
                await using var db = await dbFactory.CreateDbContextAsync(context.CancellationToken);
                var query = db.PointsHistory.AsNoTracking().Where(p => p.FamilyId == familyId && p.UserId == context.Source.Id);
                return await KeysetPaging.ToConnectionAsync(query, Keys, PageRequest.From(context), context.CancellationToken);
            });
    }
}
