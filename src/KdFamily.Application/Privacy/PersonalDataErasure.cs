using System.Text.Json;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Data;
using KdFamily.Domain.Notifications;
using KdFamily.Domain.Privacy;
using KdFamily.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Application.Privacy;

/// <summary>
/// The deletes the erasure use cases share, run in their unit of work's transaction (statements, not tracked entities:
/// they touch whole sets of rows). What each table keeps is listed in the README ("Your data: export and deletion").
/// </summary>
internal static class PersonalDataErasure
{
    /// <summary>
    /// Deletes what exists only for these accounts: login sessions (and their refresh tokens), reset and address-change
    /// tokens, queued and sent mail to their addresses, notifications to them, their achievement progress and the files
    /// they uploaded. Returns how many sessions ended.
    /// </summary>
    public static async Task<int> DeleteAccountDataAsync(KdFamilyDbContext db, IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken)
    {
        var addresses = await db.Users.Where(u => userIds.Contains(u.Id)).Select(u => u.Email)
            .Concat(db.EmailChangeRequests.Where(r => userIds.Contains(r.UserId)).Select(r => r.NewEmail))
            .Distinct()
            .ToListAsync(cancellationToken);
        await db.OutboundEmails.Where(e => addresses.Contains(e.To)).ExecuteDeleteAsync(cancellationToken);
        await db.PasswordResetRequests.Where(r => addresses.Contains(r.Email)).ExecuteDeleteAsync(cancellationToken);
        await db.PasswordResetTokens.Where(t => userIds.Contains(t.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.EmailChangeRequests.Where(r => userIds.Contains(r.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.AwayPeriods.Where(p => userIds.Contains(p.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.Notifications.Where(n => userIds.Contains(n.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.NotificationPreferences.Where(p => userIds.Contains(p.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.TaskReminders.Where(r => userIds.Contains(r.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.UserAchievements.Where(a => userIds.Contains(a.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.TaskAttachments.Where(a => userIds.Contains(a.UploadedById)).ExecuteDeleteAsync(cancellationToken);
        var sessions = await db.AuthSessions.CountAsync(s => userIds.Contains(s.UserId) && s.RevokedAt == null, cancellationToken);
        await db.AuthSessions.Where(s => userIds.Contains(s.UserId)).ExecuteDeleteAsync(cancellationToken); // refresh tokens cascade
        return sessions;
    }

    /// <summary>
    /// The storage keys of the uploaded files whose rows an erasure deletes (those the accounts uploaded, or all of the
    /// family's): read before the rows go, their bytes deleted once the erasure has committed (<see cref="Files.StoredFiles"/>).
    /// </summary>
    public static Task<List<string>> StoredFilesAsync(KdFamilyDbContext db, IReadOnlyCollection<Guid> uploaderIds, Guid? familyId, CancellationToken cancellationToken) =>
        db.TaskAttachments
            .Where(a => a.StorageKey != null
                && (uploaderIds.Contains(a.UploadedById) || db.Tasks.IgnoreQueryFilters().Any(t => t.Id == a.TaskId && t.FamilyId == familyId)))
            .Select(a => a.StorageKey!)
            .ToListAsync(cancellationToken);

    /// <summary>
    /// What the family keeps of an erased member beyond their pseudonymised row: their actions in the audit log without
    /// where they came from (IP address, user agent) nor the login they typed, and the texts others received without
    /// their name.
    /// </summary>
    public static async Task ScrubTracesAsync(KdFamilyDbContext db, User erased, string formerName, CancellationToken cancellationToken)
    {
        await db.AuditLog.Where(a => a.ActorId == erased.Id)
            .ExecuteUpdateAsync(a => a.SetProperty(x => x.IpAddress, (string?)null).SetProperty(x => x.UserAgent, (string?)null), cancellationToken);
        await db.AuditLog.Where(a => a.ActorId == erased.Id && a.Action == AuditActions.LoginFailed)
            .ExecuteUpdateAsync(a => a.SetProperty(x => x.Details, (JsonDocument?)null), cancellationToken);
        var joined = NotificationCatalogue.MemberJoinedBody(formerName);
        var pseudonymous = NotificationCatalogue.MemberJoinedBody(AccountErasure.DeletedMemberName);
        await db.Notifications.Where(n => n.FamilyId == erased.FamilyId && n.Kind == NotificationKind.MemberJoined && n.Body == joined)
            .ExecuteUpdateAsync(n => n.SetProperty(x => x.Body, pseudonymous), cancellationToken);
    }

    /// <summary>Deletes the family and everything of it and of its members, in an order the foreign keys accept.</summary>
    public static async Task<FamilyErasureCounts> DeleteFamilyAsync(KdFamilyDbContext db, Guid familyId, CancellationToken cancellationToken)
    {
        var memberIds = await db.Users.Where(u => u.FamilyId == familyId).Select(u => u.Id).ToListAsync(cancellationToken);
        var counts = new FamilyErasureCounts(
            memberIds.Count,
            await db.Tasks.IgnoreQueryFilters().CountAsync(t => t.FamilyId == familyId, cancellationToken),
            await db.PointsHistory.CountAsync(p => p.FamilyId == familyId, cancellationToken));
        await db.AuditLog.Where(a => a.FamilyId == familyId || (a.ActorId != null && memberIds.Contains(a.ActorId.Value))
                || (a.TargetType == "User" && a.TargetId != null && memberIds.Contains(a.TargetId.Value)))
            .ExecuteDeleteAsync(cancellationToken);
        await db.Notifications.Where(n => n.FamilyId == familyId).ExecuteDeleteAsync(cancellationToken);
        await db.PointsHistory.Where(p => p.FamilyId == familyId || memberIds.Contains(p.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.Tasks.IgnoreQueryFilters().Where(t => t.FamilyId == familyId).ExecuteDeleteAsync(cancellationToken); // transitions, attachments cascade
        await db.RecurringTaskTemplates.IgnoreQueryFilters().Where(t => t.FamilyId == familyId).ExecuteDeleteAsync(cancellationToken);
        await db.TaskTypes.IgnoreQueryFilters().Where(t => t.FamilyId == familyId).ExecuteDeleteAsync(cancellationToken);
        await db.WeeklySettlements.Where(s => s.FamilyId == familyId).ExecuteDeleteAsync(cancellationToken);
        await db.Redemptions.Where(r => r.FamilyId == familyId).ExecuteDeleteAsync(cancellationToken);
        await db.Rewards.Where(r => r.FamilyId == familyId).ExecuteDeleteAsync(cancellationToken);
        await DeleteAccountDataAsync(db, memberIds, cancellationToken);
        await db.Users.Where(u => u.FamilyId == familyId).ExecuteDeleteAsync(cancellationToken);
        await db.Families.Where(f => f.Id == familyId).ExecuteDeleteAsync(cancellationToken);
        return counts;
    }
}

/// <summary>How much a family's deletion removed, for its audit row.</summary>
internal sealed record FamilyErasureCounts(int Members, int Tasks, int LedgerRows);
