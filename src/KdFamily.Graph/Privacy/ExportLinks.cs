using System.Globalization;
using KdFamily.Application.Privacy;
using KdFamily.Graph.Auth;
using Microsoft.Extensions.Options;
using NodaTime;

namespace KdFamily.Graph.Privacy;

/// <summary>
/// Export links <c>/api/v1/exports/{userId}.{expiresAt}.{signature}</c>, signed over the user and the expiry (unix
/// seconds) (<see cref="SignedLinks"/>, a key of their own), so every instance accepts the links of the others and no
/// access token can pass for a link or the reverse.
/// </summary>
public sealed class ExportLinks(IOptions<JwtOptions> jwt, IOptions<ExportOptions> options) : IExportLinks
{
    public const string PathPrefix = "/api/v1/exports/";

    private readonly SignedLinks _signed = new(jwt.Value.SigningKey, "kdfamily:export-link:v1");

    public ExportLink Issue(Guid userId, Instant now)
    {
        var expiresAt = Instant.FromUnixTimeSeconds((now + Duration.FromTimeSpan(options.Value.LinkLifetime)).ToUnixTimeSeconds());
        var payload = Payload(userId, expiresAt.ToUnixTimeSeconds());
        return new ExportLink(PathPrefix + payload + "." + _signed.Sign(payload), expiresAt);
    }

    /// <summary>Checks a link's token (the last path segment) at <paramref name="now"/>; the user it was issued to, when it is genuine.</summary>
    public (SignedLinkStatus Status, Guid UserId) Check(string token, Instant now)
    {
        ArgumentNullException.ThrowIfNull(token);
        var parts = token.Split('.');
        if (parts.Length != 3
            || !Guid.TryParseExact(parts[0], "N", out var userId)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return (SignedLinkStatus.Invalid, Guid.Empty);
        }

        var payload = Payload(userId, expires);
        var status = payload == parts[0] + "." + parts[1] ? _signed.Check(payload, expires, parts[2], now) : SignedLinkStatus.Invalid;
        return (status, status == SignedLinkStatus.Invalid ? Guid.Empty : userId);
    }

    private static string Payload(Guid userId, long expiresAt) => string.Create(CultureInfo.InvariantCulture, $"{userId:N}.{expiresAt}");
}
