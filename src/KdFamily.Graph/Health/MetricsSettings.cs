using System.ComponentModel.DataAnnotations;

namespace KdFamily.Graph.Health;

/// <summary>Where Prometheus reads <c>/metrics</c>: a port of its own, or the service's port with a key (README "Operations").</summary>
public sealed class MetricsSettings
{
    public const string Section = "Metrics";

    /// <summary>Serves <c>/metrics</c> on this port only (a listener of its own, no key), not on the service's port.</summary>
    [Range(1, 65535, ErrorMessage = "Metrics:Port must be a TCP port (1-65535).")]
    public int? Port { get; set; }

    /// <summary>Serves <c>/metrics</c> on the service's port to <c>Authorization: Bearer &lt;ApiKey&gt;</c> only.</summary>
    [MinLength(32, ErrorMessage = "Metrics:ApiKey must be at least 32 characters.")]
    public string? ApiKey { get; set; }
}
