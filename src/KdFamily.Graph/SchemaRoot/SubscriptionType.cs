using GraphQL.Types;
using KdFamily.Graph.Achievements;
using KdFamily.Graph.Families;
using KdFamily.Graph.Leaderboards;
using KdFamily.Graph.Maintenance;
using KdFamily.Graph.Notifications;
using KdFamily.Graph.Points;
using KdFamily.Graph.Rewards;
using KdFamily.Graph.Tasks;

namespace KdFamily.Graph.SchemaRoot;

/// <summary>
/// The Subscription root, assembled from each feature's extension method. Every field needs a signed-in caller;
/// family fields take the caller's own family ID. Events are published after their change commits.
/// </summary>
public sealed class SubscriptionType : ObjectGraphType
{
    public SubscriptionType()
    {
        Name = "Subscription";
        Description = "Live updates (over WebSocket or server-sent events): the family's tasks, points, standings, members, achievements and redemptions, the caller's notifications, and maintenance notices.";
        this.AddTaskSubscriptions();
        this.AddPointsSubscriptions();
        this.AddLeaderboardSubscriptions();
        this.AddMemberSubscriptions();
        this.AddAchievementSubscriptions();
        this.AddRedemptionSubscriptions();
        this.AddNotificationSubscriptions();
        this.AddMaintenanceSubscriptions();
    }
}
