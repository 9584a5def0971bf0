using KdFamily.Domain.Notifications;
using KdFamily.Domain.Points;
using KdFamily.Domain.Rewards;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;

namespace KdFamily.Application.Events;

/// <summary>
/// The outbox of one unit of work: handlers record what happened while they work, and call
/// <see cref="PublishAsync"/> once their transaction has COMMITTED (or <see cref="Discard"/> when it did not).
/// Nothing reaches subscribers before the commit.
/// </summary>
public interface IFamilyEvents
{
    /// <summary>taskCreated + taskUpdated, and taskAssigned when the new task has an assignee.</summary>
    void TaskCreated(FamilyTask task);

    /// <summary>The events of a workflow action (<see cref="TaskActions"/>): always taskUpdated, plus the action's own.</summary>
    void TaskChanged(FamilyTask task, string action);

    /// <summary>pointsAwarded for the row, and leaderboardUpdated for its family (once per family per unit of work).</summary>
    void PointsAwarded(PointsTransaction row);

    /// <summary>leaderboardUpdated for the family (once per family per unit of work): its standings show something new besides points.</summary>
    void LeaderboardChanged(Guid familyId);

    void MemberJoined(User member);

    /// <summary>memberRemoved for the member's family: they were removed, or deleted their account.</summary>
    void MemberRemoved(User member);

    void AchievementUnlocked(Guid familyId, Guid userId, Guid achievementId);

    /// <summary>redemptionUpdated for its family: requested, approved, rejected or cancelled.</summary>
    void RedemptionChanged(Redemption redemption);

    /// <summary>notificationReceived for the recipient.</summary>
    void NotificationSent(Notification notification);

    /// <summary>Publishes what was recorded, in order, and forgets it. Call only after the commit; never throws for a bus failure.</summary>
    Task PublishAsync();

    /// <summary>Forgets what was recorded (the unit of work rolled back or is retried).</summary>
    void Discard();
}
