using GraphQL.Types;
using KdFamily.Domain.Points;

namespace KdFamily.Graph.Points;

/// <summary>What a ledger row is for; each value stands for the <see cref="PointsChangeKinds"/> string stored in the row.</summary>
public sealed class PointsChangeKindType : EnumerationGraphType
{
    public PointsChangeKindType()
    {
        Name = "PointsChangeKind";
        Description = "What a change of points is for.";
        Add("TASK", PointsChangeKinds.ApprovedTaskPoints, "The task's own points, paid when it was approved.");
        Add("APPROVAL_BONUS", PointsChangeKinds.ApprovalBonus, "Extra points the approver added on top of the task's own.");
        Add("MANUAL", PointsChangeKinds.ManualAward, "Points a parent awarded or deducted by hand (awardPoints).");
        Add("ACHIEVEMENT", PointsChangeKinds.AchievementReward, "The reward for unlocking an achievement.");
        Add("REDEMPTION", PointsChangeKinds.Redemption, "Points spent on a reward (negative), held when the redemption was requested. Not counted as earned.");
        Add("REDEMPTION_REFUND", PointsChangeKinds.RedemptionRefund, "The points of a rejected or cancelled redemption, given back. Not counted as earned.");
    }
}
