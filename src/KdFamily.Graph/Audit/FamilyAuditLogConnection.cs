using GraphQL.Types;
using GraphQLServer.Paging;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Data;
using KdFamily.Domain.Families;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using Microsoft.EntityFrameworkCore;
using NodaTime.Text;

namespace KdFamily.Graph.Audit;

public sealed class AuditLogConnectionType()
    : ConnectionGraphType<AuditLogEntryType, AuditLogEdgeType, AuditLogEntry>("AuditLogConnection", "audit log entries");

public sealed class AuditLogEdgeType() : EdgeGraphType<AuditLogEntryType, AuditLogEntry>("AuditLogEdge", "audit log entry");

/// <summary>
/// `Family.auditLog`: advisors only. The token's role gates the field (AUTH_NOT_AUTHORIZED before execution); the
/// resolver also checks the caller's current role in the database, so a demoted advisor's unexpired token sees null.
/// </summary>
public static class FamilyAuditLogConnection
{
    private static readonly KeysetKey<AuditLogEntry>[] Keys =
    [
        KeysetKey.Create<AuditLogEntry, NodaTime.Instant>("at", a => a.At, true, InstantPattern.ExtendedIso.Format, s => InstantPattern.ExtendedIso.Parse(s).GetValueOrThrow()),
        KeysetKey.Create<AuditLogEntry, Guid>("id", a => a.Id, true, g => g.ToString("N"), s => Guid.ParseExact(s, "N")),
    ];

    public static void AddAuditLog(this ObjectGraphType<Family> family)
    {
        family.Field<AuditLogConnectionType>("auditLog")
            .Description("Security- and points-relevant actions in the family, newest first; default 10 per page, at most 50. Advisors only.")
            .AuthorizeAtLeast(UserRole.Advisor)
            .Argument<IntGraphType>("first", "Page size.")
            .Argument<StringGraphType>("after", "Cursor to read on from.")
            .Argument<IntGraphType>("last", "Page size, reading backward (from the oldest end, or from `before`).")
            .Argument<StringGraphType>("before", "Cursor to read backward from.")
            .ResolveAsync(async context =>
            {
                var callerId = context.RequireUserId();
                var dbFactory = context.RequestServices!.GetRequiredService<IDbContextFactory<KdFamilyDbContext>>();
                await using var db = await dbFactory.CreateDbContextAsync(context.CancellationToken);
                var isAdvisor = await db.Users.AnyAsync(
                    u => u.Id == callerId && u.FamilyId == context.Source.Id && u.RemovedAt == null && u.Role == UserRole.Advisor, context.CancellationToken);
                if (!isAdvisor)
                {
                    return null;
                }

                var query = db.AuditLog.AsNoTracking().Where(a => a.FamilyId == context.Source.Id);
                return await KeysetPaging.ToConnectionAsync(query, Keys, PageRequest.From(context), context.CancellationToken);
            });
    }
}
