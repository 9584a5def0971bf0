using NodaTime;

namespace KdFamily.Application.Users;

/// <summary>The host's address-change links: the web client's page that takes the token back, and how long a link works.</summary>
public interface IEmailConfirmationLinks
{
    Duration Lifetime { get; }

    string LinkFor(string token);
}
