namespace KdFamily.Domain.Leaderboards;

/// <summary>Which points a leaderboard ranks by.</summary>
public enum LeaderboardPeriod
{
    /// <summary>Points earned since the family's week started (Monday 00:00 in its time zone).</summary>
    Week,

    /// <summary>All points ever earned (the ledger's sum).</summary>
    AllTime,
}
