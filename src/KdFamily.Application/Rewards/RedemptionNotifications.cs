using KdFamily.Application.Pipeline;
using KdFamily.Domain.Notifications;
using KdFamily.Domain.Rewards;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Application.Rewards;

/// <summary>The notifications of redemptions, persisted in the change's unit of work and announced after its commit.</summary>
internal static class RedemptionNotifications
{
    /// <summary>Tells the family's parents and advisors (not the requester) that a member asked for, or took, a reward.</summary>
    public static async Task RequestedAsync(MemberWork work, Redemption redemption, Reward reward, CancellationToken cancellationToken)
    {
        // Roles are stored by name, so the role rule is applied here rather than in SQL.
        var members = await work.Db.Users.AsNoTracking().Where(u => u.FamilyId == redemption.FamilyId && u.RemovedAt == null).ToListAsync(cancellationToken);
        foreach (var parent in members.Where(u => NotificationCatalogue.HearsAboutRedemptions(u, redemption)))
        {
            Send(work, NotificationCatalogue.RedemptionRequested(redemption, reward, parent.Id, work.Now));
        }
    }

    /// <summary>Tells the requester that a parent approved or rejected their redemption.</summary>
    public static void Decided(MemberWork work, Redemption redemption, Reward reward) =>
        Send(work, NotificationCatalogue.RedemptionDecided(redemption, reward, work.Now));

    private static void Send(MemberWork work, Notification notification)
    {
        work.Db.Notifications.Add(notification);
        work.Events.NotificationSent(notification);
    }
}
