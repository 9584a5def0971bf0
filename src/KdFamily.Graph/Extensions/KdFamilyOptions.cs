using System.ComponentModel.DataAnnotations;

namespace KdFamily.Graph.Extensions;

/// <summary>Connection strings of DESIGN §3, validated at start.</summary>
public sealed class ConnectionStringsOptions
{
    public const string Section = "ConnectionStrings";

    [Required(ErrorMessage = "ConnectionStrings:Postgres is required (a PostgreSQL connection string).")]
    public string Postgres { get; set; } = "";

    /// <summary>Absent: in-memory pub/sub, which works for a single instance only.</summary>
    public string? Redis { get; set; }
}
