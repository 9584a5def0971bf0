using System.ComponentModel.DataAnnotations;

namespace KdFamily.Graph.Shutdown;

/// <summary>How the host stops (README "Shutdown").</summary>
public sealed class ShutdownOptions
{
    public const string Section = "Shutdown";

    /// <summary>
    /// How long in-flight requests get to finish after SIGTERM before what is left is cut (HostOptions.ShutdownTimeout).
    /// WebSockets and event streams do not wait for it: they are ended at once. Keep it below the orchestrator's grace
    /// period (Kubernetes terminationGracePeriodSeconds minus the preStop delay; docker stop_grace_period).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "Shutdown:Timeout must be between 00:00:01 and 00:05:00.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);
}
