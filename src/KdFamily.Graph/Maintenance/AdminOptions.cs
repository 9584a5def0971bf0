using System.ComponentModel.DataAnnotations;

namespace KdFamily.Graph.Maintenance;

/// <summary>Operator endpoints (<c>/api/v1/admin/*</c>). Without <c>Admin:ApiKey</c> they are not served at all.</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>The key operators send in the <c>X-Admin-Key</c> header; at least 32 characters.</summary>
    [MinLength(32, ErrorMessage = "Admin:ApiKey must be at least 32 characters (or absent, which disables the admin endpoints).")]
    public string? ApiKey { get; set; }
}
