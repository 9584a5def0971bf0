namespace KdFamily.Domain.Rewards;

/// <summary>The input limits of rewards and redemptions, and how many rewards a family can offer.</summary>
public static class RewardLimits
{
    public const int MaxNameLength = 100;
    public const int MaxDescriptionLength = 1000;
    public const int MinCost = 1;
    public const int MaxCost = 100_000;
    public const int MaxStock = 10_000;
    public const int MaxReasonLength = 500;

    /// <summary>Live (not archived) rewards of one family; creating one more is refused.</summary>
    public const int MaxLiveRewards = 100;

    /// <summary>Archived rewards <c>Family.rewards(includeArchived: true)</c> lists besides the live ones: the most recently archived.</summary>
    public const int MaxArchivedListed = 100;
}
