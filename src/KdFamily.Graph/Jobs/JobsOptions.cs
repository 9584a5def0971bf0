using System.ComponentModel.DataAnnotations;

namespace KdFamily.Graph.Jobs;

/// <summary>`Jobs:*`: the background work (weekly settlement, recurring task generation).</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Off in tests that must not see background writes.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the jobs run; every instance ticks, one at a time does the work.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);
}
