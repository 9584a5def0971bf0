using System.ComponentModel.DataAnnotations;

namespace GraphQLServer.Limits;

/// <summary>The <c>Limits:*</c> settings of the shared limit store.</summary>
public sealed class LimitStoreOptions
{
    public const string Section = "Limits";

    /// <summary>Prefix of every Redis key the limits use; deployments sharing one Redis keep their budgets apart with it.</summary>
    [Required(ErrorMessage = "Limits:KeyPrefix is required.")]
    [StringLength(100, MinimumLength = 1, ErrorMessage = "Limits:KeyPrefix must be 1 to 100 characters.")]
    public string KeyPrefix { get; set; } = "graphql:limits:";

    /// <summary>
    /// How long a connection's place (a lease) outlives the last renewal by its instance; an instance renews its leases
    /// every third of it, so places of a crashed instance are free again after at most this long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:03", "01:00:00", ErrorMessage = "Limits:LeaseTimeToLive must be between 3 seconds and 1 hour.")]
    public TimeSpan LeaseTimeToLive { get; set; } = TimeSpan.FromSeconds(60);
}
