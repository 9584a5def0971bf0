using KdFamily.Domain.Achievements;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Away;
using KdFamily.Domain.Auth;
using KdFamily.Domain.Email;
using KdFamily.Domain.Families;
using KdFamily.Domain.Leaderboards;
using KdFamily.Domain.Notifications;
using KdFamily.Domain.Points;
using KdFamily.Domain.Recurring;
using KdFamily.Domain.Reminders;
using KdFamily.Domain.Rewards;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Domain.Data;

/// <summary>The one DbContext of KD Family. Mapping lives beside each entity in its feature folder.</summary>
public sealed class KdFamilyDbContext(DbContextOptions<KdFamilyDbContext> options) : DbContext(options)
{
    public DbSet<Family> Families => Set<Family>();
    public DbSet<User> Users => Set<User>();
    public DbSet<AuthSession> AuthSessions => Set<AuthSession>();
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();
    public DbSet<PasswordResetToken> PasswordResetTokens => Set<PasswordResetToken>();
    public DbSet<PasswordResetRequest> PasswordResetRequests => Set<PasswordResetRequest>();
    public DbSet<EmailChangeRequest> EmailChangeRequests => Set<EmailChangeRequest>();
    public DbSet<TaskType> TaskTypes => Set<TaskType>();
    public DbSet<FamilyTask> Tasks => Set<FamilyTask>();
    public DbSet<TaskAttachment> TaskAttachments => Set<TaskAttachment>();
    public DbSet<TaskTransition> TaskTransitions => Set<TaskTransition>();
    public DbSet<PointsTransaction> PointsHistory => Set<PointsTransaction>();
    public DbSet<Achievement> Achievements => Set<Achievement>();
    public DbSet<UserAchievement> UserAchievements => Set<UserAchievement>();
    public DbSet<WeeklySettlement> WeeklySettlements => Set<WeeklySettlement>();
    public DbSet<RecurringTaskTemplate> RecurringTaskTemplates => Set<RecurringTaskTemplate>();
    public DbSet<Reward> Rewards => Set<Reward>();
    public DbSet<Redemption> Redemptions => Set<Redemption>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<NotificationPreferences> NotificationPreferences => Set<NotificationPreferences>();
    public DbSet<TaskReminder> TaskReminders => Set<TaskReminder>();
    public DbSet<AuditLogEntry> AuditLog => Set<AuditLogEntry>();
    public DbSet<OutboundEmail> OutboundEmails => Set<OutboundEmail>();
    public DbSet<AwayPeriod> AwayPeriods => Set<AwayPeriod>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(KdFamilyDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: readable in psql and stable when members are reordered.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }
}
