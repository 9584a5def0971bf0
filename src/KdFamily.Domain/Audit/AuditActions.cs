namespace KdFamily.Domain.Audit;

/// <summary>Every action written to <see cref="AuditLogEntry.Action"/>: "area.what_happened", stable because operators query them.</summary>
public static class AuditActions
{
    public const string Registered = "auth.registered";
    public const string LoginSucceeded = "auth.login_succeeded";
    public const string LoginFailed = "auth.login_failed";
    public const string RefreshTokenReused = "auth.refresh_token_reused";
    public const string PasswordChanged = "auth.password_changed";
    public const string PasswordResetRequested = "auth.password_reset_requested";
    public const string PasswordReset = "auth.password_reset";
    public const string EmailChanged = "auth.email_changed";

    public const string FamilyUpdated = "family.updated";
    public const string InviteCodeRegenerated = "family.invite_code_regenerated";
    public const string FamilyDeleted = "family.deleted";

    public const string UserRoleChanged = "user.role_changed";
    public const string UserRemoved = "user.removed";
    public const string ProfileUpdated = "user.profile_updated";
    public const string DataExportRequested = "user.data_export_requested";
    public const string DataExported = "user.data_exported";
    public const string AccountDeleted = "user.account_deleted";
    public const string AwaySet = "user.away_set";
    public const string AwayCleared = "user.away_cleared";

    public const string ChildAccountCreated = "child_account.created";
    public const string ChildPinReset = "child_account.pin_reset";
    public const string ChildAccountUnlocked = "child_account.unlocked";
    public const string ChildAccountLocked = "child_account.locked";

    public const string NotificationPreferencesUpdated = "user.notification_preferences_updated";

    public const string TaskApproved = "task.approved";
    public const string TaskRejected = "task.rejected";
    public const string TaskAttachmentAdded = "task.attachment_added";
    public const string TaskAttachmentRemoved = "task.attachment_removed";
    public const string PointsAwarded = "points.awarded";

    public const string RewardCreated = "reward.created";
    public const string RewardUpdated = "reward.updated";
    public const string RewardArchived = "reward.archived";
    public const string RedemptionRequested = "redemption.requested";
    public const string RedemptionApproved = "redemption.approved";
    public const string RedemptionRejected = "redemption.rejected";
    public const string RedemptionCancelled = "redemption.cancelled";

    public const string RecurringTaskCreated = "recurring_task.created";
    public const string RecurringTaskUpdated = "recurring_task.updated";
    public const string RecurringTaskPaused = "recurring_task.paused";
    public const string RecurringTaskResumed = "recurring_task.resumed";
    public const string RecurringTaskDeleted = "recurring_task.deleted";
}
