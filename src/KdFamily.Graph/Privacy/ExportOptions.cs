using System.ComponentModel.DataAnnotations;

namespace KdFamily.Graph.Privacy;

/// <summary>The `Exports:*` settings: how long a data export's download link works.</summary>
public sealed class ExportOptions
{
    public const string Section = "Exports";

    [Range(typeof(TimeSpan), "00:01:00", "01:00:00", ErrorMessage = "Exports:LinkLifetime must be between 1 minute and 1 hour.")]
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromMinutes(5);
}
