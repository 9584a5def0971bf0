using System.Text.Json;
using KdFamily.Application.Auth;
using KdFamily.Domain.Achievements;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Auth;
using KdFamily.Domain.Away;
using KdFamily.Domain.Data;
using KdFamily.Domain.Email;
using KdFamily.Domain.Leaderboards;
using KdFamily.Domain.Notifications;
using KdFamily.Domain.Recurring;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using KdFamily.Graph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace KdFamily.Graph.Tests.Privacy;

/// <summary>
/// A family with a row of every kind about one member, the leaver (<see cref="Leaver"/>, a MEMBER), and about the others,
/// beside another family with its own data. Members[0] advisor, [1] parent, [2] the leaver, [3] a member. The leaver has
/// the fewest points, so the others' ranks do not depend on whether the leaver is listed.
/// </summary>
internal sealed class PrivacySeed
{
    public const string Password = "leaver-password-1";

    public required FamilySeed Family { get; init; }

    public required FamilySeed OtherFamily { get; init; }

    public required string PendingEmail { get; init; }

    /// <summary>Where the leaver signed in from, unique to this seed.</summary>
    public required string LeaverIp { get; init; }

    public required string LeaverAgent { get; init; }

    /// <summary>The leaver's refresh token, as stored (its hash).</summary>
    public required string LeaverTokenHash { get; init; }

    public User Leaver => Family.Members[2];

    /// <summary>The open work assigned to the leaver (PENDING, IN_PROGRESS, REJECTED, COMPLETED) and their approved task.</summary>
    public List<FamilyTask> OpenWork { get; } = [];

    public FamilyTask ApprovedWork { get; private set; } = null!;

    /// <summary>A recurring series assigned to the leaver.</summary>
    public RecurringTaskTemplate Series { get; private set; } = null!;

    /// <summary>Everything identifying the leaver as seeded: none of it may remain anywhere after the deletion.</summary>
    public IReadOnlyList<string> LeaverTraces => [Leaver.Email!, Leaver.Username, Leaver.FullName, PendingEmail, LeaverIp, LeaverAgent, Leaver.AvatarUrl!];

    public static async Task<PrivacySeed> CreateAsync(IServiceProvider services, int otherFamilyTasks = 6)
    {
        var now = SystemClock.Instance.GetCurrentInstant();
        var family = FamilySeed.Create("Privacy", 4, 0, now);
        var slug = Guid.NewGuid().ToString("N")[..8];
        var seed = new PrivacySeed
        {
            Family = family,
            OtherFamily = FamilySeed.Create("Elsewhere", 3, otherFamilyTasks, now),
            PendingEmail = $"ada-new-{slug}@example.test",
            LeaverTokenHash = "leaver-" + slug,
            LeaverIp = $"2001:db8::{slug[..4]}",
            LeaverAgent = $"LeaverBrowser/{slug}",
        };
        var (advisor, parent, leaver, member) = (family.Members[0], family.Members[1], family.Members[2], family.Members[3]);
        leaver.FullName = $"Ada Leaver {slug}";
        leaver.AvatarUrl = $"https://example.test/avatars/{slug}.png";
        leaver.PasswordHash = services.GetRequiredService<IPasswordHashing>().Hash(Password);

        var day = Duration.FromDays(1);
        foreach (var status in new[] { FamilyTaskStatus.Pending, FamilyTaskStatus.InProgress, FamilyTaskStatus.Rejected, FamilyTaskStatus.Completed })
        {
            seed.OpenWork.Add(family.AddTask($"Open {status}", status, leaver, 5, now + day, now - day));
        }

        seed.ApprovedWork = family.AddTask("Leaver's approved chore", FamilyTaskStatus.Approved, leaver, 5, null, now - (day * 3));
        family.AddTask("Member's approved chore", FamilyTaskStatus.Approved, member, 20, null, now - (day * 2));
        family.AddTask("Parent's approved chore", FamilyTaskStatus.Approved, parent, 30, null, now - (day * 2));
        family.AddTask("Member's open chore", FamilyTaskStatus.InProgress, member, 10, null, now - day);
        family.AddTask("Idea of the leaver", FamilyTaskStatus.Pending, null, 5, null, now - day).CreatedById = leaver.Id;
        family.Award(advisor, 12, now - day);
        await family.SaveAsync(services);
        await seed.OtherFamily.SaveAsync(services);

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
        var achievement = await db.Achievements.OrderBy(a => a.Code).FirstAsync();
        var leaverSession = new AuthSession { UserId = leaver.Id, CreatedAt = now, ExpiresAt = now + day, IpAddress = seed.LeaverIp, UserAgent = seed.LeaverAgent };
        var memberSession = new AuthSession { UserId = member.Id, CreatedAt = now, ExpiresAt = now + day, IpAddress = "192.0.2.3" };
        db.AuthSessions.AddRange(leaverSession, memberSession);
        db.RefreshTokens.AddRange(
            new RefreshToken { SessionId = leaverSession.Id, TokenHash = seed.LeaverTokenHash, CreatedAt = now },
            new RefreshToken { SessionId = memberSession.Id, TokenHash = "member-" + slug, CreatedAt = now });
        db.PasswordResetTokens.Add(new PasswordResetToken { UserId = leaver.Id, TokenHash = "reset-" + slug, CreatedAt = now, ExpiresAt = now + day });
        db.PasswordResetRequests.Add(new PasswordResetRequest { Email = leaver.Email!, RequestedAt = now, IpAddress = seed.LeaverIp, UserAgent = seed.LeaverAgent });
        db.EmailChangeRequests.Add(new EmailChangeRequest { UserId = leaver.Id, NewEmail = seed.PendingEmail, TokenHash = "email-" + slug, CreatedAt = now, ExpiresAt = now + day });
        var today = now.InUtc().Date;
        db.AwayPeriods.AddRange(AwayPeriod.Create(leaver, today, today.PlusDays(3), now), AwayPeriod.Create(member, today, today.PlusDays(2), now),
            AwayPeriod.Create(seed.OtherFamily.Advisor, today, today, now));
        db.OutboundEmails.AddRange(
            new OutboundEmail { To = leaver.Email!, Subject = "Reset your password", Body = "Hello " + leaver.FullName, HtmlBody = "<p>html</p>", CreatedAt = now },
            new OutboundEmail { To = seed.PendingEmail, Subject = "Confirm your address", Body = "Confirm", HtmlBody = "<p>html</p>", CreatedAt = now },
            new OutboundEmail { To = member.Email!, Subject = "Hello", Body = "For the member", HtmlBody = "<p>html</p>", CreatedAt = now });
        db.Notifications.AddRange(
            NotificationCatalogue.TaskAssigned(seed.OpenWork[0], leaver.Id, now),
            NotificationCatalogue.TaskApproved(family.Tasks[5], member.Id, now),
            NotificationCatalogue.MemberJoined(advisor, leaver, now),
            NotificationCatalogue.MemberJoined(parent, member, now));
        db.UserAchievements.AddRange(
            new UserAchievement { UserId = leaver.Id, AchievementId = achievement.Id, Progress = 100, CompletedAt = now, UpdatedAt = now },
            new UserAchievement { UserId = member.Id, AchievementId = achievement.Id, Progress = 100, CompletedAt = now, UpdatedAt = now });
        db.TaskAttachments.AddRange(
            new TaskAttachment { TaskId = seed.ApprovedWork.Id, FileName = "leaver-proof.jpg", ContentType = "image/jpeg", SizeBytes = 1234, Url = "https://files.example.test/leaver-proof.jpg", UploadedById = leaver.Id, CreatedAt = now },
            new TaskAttachment { TaskId = family.Tasks[5].Id, FileName = "member-proof.jpg", ContentType = "image/jpeg", SizeBytes = 99, Url = "https://files.example.test/member-proof.jpg", UploadedById = member.Id, CreatedAt = now });
        db.TaskTransitions.Add(new TaskTransition { TaskId = seed.ApprovedWork.Id, FromStatus = FamilyTaskStatus.InProgress, ToStatus = FamilyTaskStatus.Completed, Action = TaskActions.Complete, ActorId = leaver.Id, At = now - (day * 3) });
        db.WeeklySettlements.Add(new WeeklySettlement
        {
            FamilyId = family.Family.Id,
            WeekStart = new LocalDate(2026, 11, 16),
            SettledAt = now,
            Standings = [new SettledStanding(member.Id, 1, 20), new SettledStanding(leaver.Id, 2, 5)],
        });
        seed.Series = new RecurringTaskTemplate
        {
            FamilyId = family.Family.Id, Title = "Feed the cat", Points = 3, Frequency = RecurrenceFrequency.Daily, StartDate = new LocalDate(2026, 11, 1),
            AssignedToId = leaver.Id, CreatedById = advisor.Id, CreatedAt = now,
        };
        db.RecurringTaskTemplates.Add(seed.Series);
        db.TaskTypes.Add(new TaskType { FamilyId = family.Family.Id, Name = "Kitchen", DefaultPoints = 5, CreatedAt = now });
        db.AuditLog.AddRange(
            Audit(AuditActions.LoginSucceeded, family.Family.Id, leaver.Id, leaver.Id, null, seed.LeaverIp, seed.LeaverAgent, now),
            Audit(AuditActions.LoginFailed, family.Family.Id, leaver.Id, leaver.Id, new { login = leaver.Username }, seed.LeaverIp, seed.LeaverAgent, now),
            Audit(AuditActions.UserRoleChanged, family.Family.Id, advisor.Id, leaver.Id, new { role = "MEMBER" }, "198.51.100.1", "AdvisorBrowser/1.0", now),
            Audit(AuditActions.LoginSucceeded, family.Family.Id, member.Id, member.Id, null, "192.0.2.3", "MemberBrowser/1.0", now),
            Audit(AuditActions.LoginSucceeded, seed.OtherFamily.Family.Id, seed.OtherFamily.Advisor.Id, seed.OtherFamily.Advisor.Id, null, "192.0.2.9", "Other/1.0", now));
        await db.SaveChangesAsync();
        return seed;
    }

    private static AuditLogEntry Audit(string action, Guid familyId, Guid actorId, Guid targetId, object? details, string ip, string agent, Instant at) => new()
    {
        Action = action,
        FamilyId = familyId,
        ActorId = actorId,
        TargetType = "User",
        TargetId = targetId,
        Details = details is null ? null : JsonSerializer.SerializeToDocument(details),
        IpAddress = ip,
        UserAgent = agent,
        At = at,
    };
}
