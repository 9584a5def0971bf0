using System.ComponentModel.DataAnnotations;
using System.Net;

namespace KdFamily.Graph.Extensions;

/// <summary>
/// The `ForwardedHeaders:*` settings: behind a reverse proxy (nginx, an ingress), take the client's address and scheme
/// from <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c>, so rate limits and the audit log see the client, not the proxy.
/// Only connections from loopback and the listed proxies and networks are believed.
/// </summary>
public sealed class ForwardedHeadersSettings : IValidatableObject
{
    public const string Section = "ForwardedHeaders";

    public bool Enabled { get; set; }

    /// <summary>Addresses of trusted proxies (e.g. <c>10.0.0.5</c>), in addition to loopback.</summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>Networks of trusted proxies in CIDR notation (e.g. <c>10.0.0.0/8</c>), in addition to loopback.</summary>
    public IList<string> KnownNetworks { get; } = [];

    /// <summary>How many proxies' entries are read from the right of <c>X-Forwarded-For</c>.</summary>
    [Range(1, 10, ErrorMessage = "ForwardedHeaders:ForwardLimit must be between 1 and 10.")]
    public int ForwardLimit { get; set; } = 1;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < KnownProxies.Count; i++)
        {
            if (!IPAddress.TryParse(KnownProxies[i], out _))
            {
                yield return new ValidationResult(
                    $"ForwardedHeaders:KnownProxies:{i} ('{KnownProxies[i]}') is not an IP address.", [nameof(KnownProxies)]);
            }
        }

        for (var i = 0; i < KnownNetworks.Count; i++)
        {
            if (!IPNetwork.TryParse(KnownNetworks[i], out _))
            {
                yield return new ValidationResult(
                    $"ForwardedHeaders:KnownNetworks:{i} ('{KnownNetworks[i]}') is not a network in CIDR notation (e.g. 10.0.0.0/8).", [nameof(KnownNetworks)]);
            }
        }
    }
}
