using KdFamily.Domain.Data;
using KdFamily.Domain.Users;
using Microsoft.EntityFrameworkCore;
using NodaTime.Text;

namespace KdFamily.Application.Privacy;

/// <summary>What a section of the export reads: the caller, and the names of their family's members for references.</summary>
public sealed record ExportScope(KdFamilyDbContext Db, User User, IReadOnlyDictionary<Guid, string> Names)
{
    /// <summary>Another person as the export shows them: their id and display name, nothing else of theirs.</summary>
    public object? Person(Guid? id) => id is { } known ? new { id = known, name = Names.GetValueOrDefault(known, "Unknown") } : null;
}

/// <summary>One named part of a personal data export.</summary>
public sealed record ExportSection(string Name, Func<ExportScope, CancellationToken, Task<object>> Read);

/// <summary>
/// Everything the export contains, section by section, in order. Each section reads the caller's rows only; other
/// people appear as <see cref="ExportScope.Person"/> (id and display name). Never: password hashes, token hashes, or
/// other members' addresses, IP addresses or user agents. A new kind of personal data is one more line here.
/// </summary>
public static class PersonalDataSections
{
    public static IReadOnlyList<ExportSection> All { get; } =
    [
        new("profile", (s, _) => Task.FromResult<object>(new
        {
            s.User.Id, s.User.Username, s.User.Email, s.User.FullName, s.User.AvatarUrl, Role = UserRoleNames.Of(s.User.Role), s.User.CreatedAt, s.User.UpdatedAt,
        })),
        new("family", async (s, t) => await s.Db.Families.Where(f => f.Id == s.User.FamilyId)
            .Select(f => new { f.Id, f.Name, f.Description, f.TimeZone, Role = UserRoleNames.Of(s.User.Role), JoinedAt = s.User.CreatedAt, LeftAt = s.User.RemovedAt })
            .SingleAsync(t)),
        new("tasks", async (s, t) => (await s.Db.Tasks.IgnoreQueryFilters().AsNoTracking()
                .Where(x => x.FamilyId == s.User.FamilyId && (x.CreatedById == s.User.Id || x.AssignedToId == s.User.Id || x.ApprovedById == s.User.Id))
                .OrderBy(x => x.CreatedAt).ToListAsync(t))
            .Select(x => new
            {
                x.Id, x.Title, x.Description, x.Status, x.Priority, x.Points, x.DifficultyLevel, x.DueDate, x.EstimatedMinutes, x.ActualMinutes,
                CreatedBy = s.Person(x.CreatedById), AssignedTo = s.Person(x.AssignedToId), ApprovedBy = s.Person(x.ApprovedById),
                x.CreatedAt, x.StartedAt, x.CompletedAt, x.ApprovedAt, x.RejectedAt, x.RejectionReason, x.DeletedAt,
            }).ToList()),
        new("taskTransitions", async (s, t) => await s.Db.TaskTransitions.AsNoTracking().Where(x => x.ActorId == s.User.Id).OrderBy(x => x.At)
            .Select(x => new { x.Id, x.TaskId, x.FromStatus, x.ToStatus, x.Action, x.Note, x.At }).ToListAsync(t)),
        new("pointsHistory", async (s, t) => (await s.Db.PointsHistory.AsNoTracking().Where(x => x.UserId == s.User.Id)
                .OrderBy(x => x.CreatedAt).ThenBy(x => x.Sequence).ToListAsync(t))
            .Select(x => new { x.Id, x.Delta, x.BalanceAfter, x.Reason, Kind = x.BonusType, x.Multiplier, x.TaskId, AwardedBy = s.Person(x.AwardedById), x.CreatedAt })
            .ToList()),
        new("redemptions", async (s, t) => (await s.Db.Redemptions.AsNoTracking().Where(x => x.UserId == s.User.Id).OrderBy(x => x.RequestedAt)
                .Join(s.Db.Rewards, r => r.RewardId, w => w.Id, (r, w) => new { Redemption = r, RewardName = w.Name }).ToListAsync(t))
            .Select(x => new
            {
                x.Redemption.Id, Reward = new { id = x.Redemption.RewardId, name = x.RewardName }, x.Redemption.Cost, x.Redemption.Status,
                x.Redemption.RequestedAt, x.Redemption.DecidedAt, DecidedBy = s.Person(x.Redemption.DecidedById), x.Redemption.Reason,
            }).ToList()),
        new("notifications", async (s, t) => await s.Db.Notifications.AsNoTracking().Where(x => x.UserId == s.User.Id).OrderBy(x => x.CreatedAt)
            .Select(x => new { x.Id, x.Kind, x.Title, x.Body, x.TaskId, x.AchievementId, x.CreatedAt, x.ReadAt }).ToListAsync(t)),
        new("notificationPreferences", async (s, t) => (await s.Db.NotificationPreferences.AsNoTracking().Where(x => x.UserId == s.User.Id).ToListAsync(t))
            .Select(x => new
            {
                x.MutedKinds, QuietHoursStart = x.QuietHoursStart is { } start ? LocalTimePattern.ExtendedIso.Format(start) : null,
                QuietHoursEnd = x.QuietHoursEnd is { } end ? LocalTimePattern.ExtendedIso.Format(end) : null, x.UpdatedAt,
            })
            .SingleOrDefault() ?? (object)new { MutedKinds = Array.Empty<string>(), QuietHoursStart = (string?)null, QuietHoursEnd = (string?)null }),
        new("reminders", async (s, t) => await s.Db.TaskReminders.AsNoTracking().Where(x => x.UserId == s.User.Id).OrderBy(x => x.SentAt)
            .Select(x => new { x.Id, x.TaskId, x.Kind, x.DueDate, x.NotificationId, x.SentAt }).ToListAsync(t)),
        new("achievements", async (s, t) => await s.Db.UserAchievements.AsNoTracking().Where(x => x.UserId == s.User.Id).OrderBy(x => x.UpdatedAt)
            .Select(x => new { x.AchievementId, x.Achievement!.Code, x.Achievement.Name, x.Progress, x.CompletedAt, x.UpdatedAt }).ToListAsync(t)),
        new("weeklyStandings", async (s, t) => (await s.Db.WeeklySettlements.AsNoTracking().Where(x => x.FamilyId == s.User.FamilyId)
                .OrderBy(x => x.WeekStart).ToListAsync(t))
            .SelectMany(w => w.Standings.Where(x => x.UserId == s.User.Id)
                .Select(x => new { WeekStart = LocalDatePattern.Iso.Format(w.WeekStart), x.Rank, x.Points }))
            .ToList()),
        new("recurringTasks", async (s, t) => await s.Db.RecurringTaskTemplates.IgnoreQueryFilters().AsNoTracking()
            .Where(x => x.FamilyId == s.User.FamilyId && (x.CreatedById == s.User.Id || x.AssignedToId == s.User.Id)).OrderBy(x => x.CreatedAt)
            .Select(x => new { x.Id, x.Title, x.Description, x.Points, x.Frequency, AssignedToMe = x.AssignedToId == s.User.Id, CreatedByMe = x.CreatedById == s.User.Id, x.CreatedAt, x.DeletedAt })
            .ToListAsync(t)),
        new("awayPeriods", async (s, t) => (await s.Db.AwayPeriods.AsNoTracking().Where(x => x.UserId == s.User.Id).OrderBy(x => x.From).ToListAsync(t))
            .Select(x => new { x.Id, From = LocalDatePattern.Iso.Format(x.From), Until = LocalDatePattern.Iso.Format(x.Until), x.CreatedAt })
            .ToList()),
        new("files", async (s, t) => await s.Db.TaskAttachments.AsNoTracking().Where(x => x.UploadedById == s.User.Id).OrderBy(x => x.CreatedAt)
            .Select(x => new { x.Id, x.TaskId, x.FileName, x.ContentType, x.SizeBytes, x.Url, x.CreatedAt }).ToListAsync(t)),
        new("sessions", async (s, t) => await s.Db.AuthSessions.AsNoTracking().Where(x => x.UserId == s.User.Id).OrderBy(x => x.CreatedAt)
            .Select(x => new { x.Id, x.CreatedAt, x.ExpiresAt, x.RevokedAt, x.RevokedReason, x.IpAddress, x.UserAgent }).ToListAsync(t)),
        new("emailChangeRequests", async (s, t) => await s.Db.EmailChangeRequests.AsNoTracking().Where(x => x.UserId == s.User.Id).OrderBy(x => x.CreatedAt)
            .Select(x => new { x.Id, x.NewEmail, x.CreatedAt, x.ExpiresAt, x.UsedAt }).ToListAsync(t)),
        new("passwordResets", async (s, t) => await s.Db.PasswordResetTokens.AsNoTracking().Where(x => x.UserId == s.User.Id).OrderBy(x => x.CreatedAt)
            .Select(x => new { x.Id, x.CreatedAt, x.ExpiresAt, x.UsedAt }).ToListAsync(t)),
        new("auditLog", async (s, t) => (await s.Db.AuditLog.AsNoTracking()
                .Where(x => x.ActorId == s.User.Id || (x.TargetType == "User" && x.TargetId == s.User.Id)).OrderBy(x => x.At).ToListAsync(t))
            .Select(x => x.ActorId == s.User.Id
                ? new { x.Id, x.Action, x.At, Actor = s.Person(x.ActorId), x.TargetType, x.TargetId, x.Details, x.IpAddress, x.UserAgent }
                // Someone else acted on the caller (e.g. changed their role): where that person was is theirs, not the caller's.
                : new { x.Id, x.Action, x.At, Actor = s.Person(x.ActorId), x.TargetType, x.TargetId, x.Details, IpAddress = (string?)null, UserAgent = (string?)null })
            .ToList()),
    ];
}
