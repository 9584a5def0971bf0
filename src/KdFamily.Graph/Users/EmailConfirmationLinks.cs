using KdFamily.Application.Users;
using KdFamily.Graph.Auth;
using Microsoft.Extensions.Options;
using NodaTime;

namespace KdFamily.Graph.Users;

/// <summary>Address-change links as configured: <c>Auth:EmailConfirmationUrl</c> and <c>Auth:EmailConfirmationTokenLifetime</c>.</summary>
public sealed class EmailConfirmationLinks(IOptions<AuthOptions> options) : IEmailConfirmationLinks
{
    public Duration Lifetime => Duration.FromTimeSpan(options.Value.EmailConfirmationTokenLifetime);

    public string LinkFor(string token) => $"{options.Value.EmailConfirmationUrl}?token={Uri.EscapeDataString(token)}";
}
