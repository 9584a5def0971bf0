namespace KdFamily.Graph.Users;

/// <summary>What the streak fields mean, the same on `User` and `UserStats`.</summary>
internal static class StreakDescriptions
{
    public const string Current = "Consecutive days, ending today or yesterday, with approved work. Away days (`User.away`) are skipped: they neither count nor break it.";

    public const string Longest = "The longest run of consecutive days with approved work, away days skipped.";
}
