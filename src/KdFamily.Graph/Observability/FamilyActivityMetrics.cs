using KdFamily.Domain.Points;
using KdFamily.Domain.Tasks;
using Prometheus;

namespace KdFamily.Graph.Observability;

/// <summary>
/// The business's counters in /metrics. They count committed changes only: <see cref="LiveUpdates.FamilyEventOutbox"/>
/// adds a unit of work's events to them when it publishes them, after the commit, so a rolled-back or retried attempt
/// counts nothing. Every series exists at 0 from the start.
/// </summary>
public static class FamilyActivityMetrics
{
    public const string KindLabel = "kind";

    public static readonly Counter TasksCreated = Metrics.CreateCounter(
        "kdfamily_tasks_created_total", "Tasks created (by a parent, or from a recurring template).");

    public static readonly Counter TasksCompleted = Metrics.CreateCounter(
        "kdfamily_tasks_completed_total", "Tasks their assignee marked completed.");

    public static readonly Counter TasksApproved = Metrics.CreateCounter(
        "kdfamily_tasks_approved_total", "Completed tasks a parent approved (each pays its points once).");

    public static readonly Counter TasksRejected = Metrics.CreateCounter(
        "kdfamily_tasks_rejected_total", "Completed tasks a parent rejected.");

    public static readonly Counter PointsAwarded = Metrics.CreateCounter(
        "kdfamily_points_awarded_total",
        "Points added to members' balances, by kind of ledger row (task, approval_bonus, manual, achievement).",
        KindLabel);

    public static readonly Counter PointsDeducted = Metrics.CreateCounter(
        "kdfamily_points_deducted_total", "Points taken from members' balances (negative manual awards).");

    private static readonly string[] PointKinds =
        [PointsChangeKinds.ApprovedTaskPoints, PointsChangeKinds.ApprovalBonus, PointsChangeKinds.ManualAward, PointsChangeKinds.AchievementReward];

    /// <summary>Exports every series at 0 from the start, so an alert compares against a value that exists.</summary>
    public static void Publish()
    {
        foreach (var kind in PointKinds)
        {
            PointsAwarded.WithLabels(kind);
        }
    }

    public static void TaskChanged(string action)
    {
        switch (action)
        {
            case TaskActions.Complete:
                TasksCompleted.Inc();
                break;
            case TaskActions.Approve:
                TasksApproved.Inc();
                break;
            case TaskActions.Reject:
                TasksRejected.Inc();
                break;
        }
    }

    public static void PointsChanged(PointsTransaction row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Delta > 0)
        {
            PointsAwarded.WithLabels(PointKinds.Contains(row.BonusType) ? row.BonusType : "other").Inc(row.Delta);
        }
        else if (row.Delta < 0)
        {
            PointsDeducted.Inc(-row.Delta);
        }
    }
}
