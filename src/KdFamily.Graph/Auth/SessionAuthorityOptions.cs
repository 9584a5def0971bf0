using System.ComponentModel.DataAnnotations;

namespace KdFamily.Graph.Auth;

/// <summary>`Auth:SessionCacheLifetime`: how long an instance may reuse what it read about a session.</summary>
public sealed class SessionAuthorityOptions
{
    public const string Section = "Auth";

    /// <summary>
    /// How long a session's state (live or not, the user's family and role) is reused before it is read again. Changes
    /// invalidate it at once on every instance (through the topic bus), so this only bounds how long a lost
    /// invalidation could go unnoticed; zero reads the store on every request.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00", ErrorMessage = "Auth:SessionCacheLifetime must be between 0 and 5 minutes.")]
    public TimeSpan SessionCacheLifetime { get; set; } = TimeSpan.FromSeconds(30);
}
