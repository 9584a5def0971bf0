namespace KdFamily.Domain.Points;

/// <summary>
/// What a points_history row is for, stored in its bonus_type column and published as PointsTransaction.bonusType.
/// The values are part of the public contract; the names say what each is (not every kind is a bonus).
/// </summary>
public static class PointsChangeKinds
{
    /// <summary>The task's own points, paid when it is approved.</summary>
    public const string ApprovedTaskPoints = "task";

    /// <summary>The extra points an approver adds on top of the task's own.</summary>
    public const string ApprovalBonus = "approval_bonus";

    /// <summary>Points a parent awards or deducts by hand (awardPoints).</summary>
    public const string ManualAward = "manual";

    /// <summary>The reward for unlocking an achievement.</summary>
    public const string AchievementReward = "achievement";

    /// <summary>Points spent on a reward, held when the redemption is requested (negative).</summary>
    public const string Redemption = "redemption";

    /// <summary>The points of a rejected or cancelled redemption, given back (positive).</summary>
    public const string RedemptionRefund = "redemption_refund";

    /// <summary>
    /// The kinds that move points without earning or losing them: spending on rewards and its refunds. Balances
    /// (<c>totalPoints</c>) count them; what a member earned (<c>lifetimePoints</c>, weekly points, leaderboards,
    /// settlements, achievements) does not.
    /// </summary>
    public static readonly IReadOnlyList<string> Spending = [Redemption, RedemptionRefund];

    /// <summary>Whether a row of <paramref name="kind"/> counts as points earned (everything but spending and its refunds).</summary>
    public static bool IsEarned(string kind) => !Spending.Contains(kind);
}
