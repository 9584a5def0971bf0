using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using KdFamily.Application.Privacy;
using KdFamily.Graph.Auth;
using Microsoft.Extensions.Options;
using NodaTime;

namespace KdFamily.Graph.Privacy;

/// <summary>What a presented export link turned out to be.</summary>
public enum ExportLinkStatus
{
    /// <summary>Malformed, or its signature does not match: forged or altered.</summary>
    Invalid,
    Expired,
    Valid,
}

/// <summary>
/// Export links <c>/api/v1/exports/{userId}.{expiresAt}.{signature}</c>: HMAC-SHA256 over the user and the expiry (unix
/// seconds) with a key derived from <c>Jwt:SigningKey</c> for this purpose only, so every instance accepts the links of
/// the others and no access token can pass for a link or the reverse.
/// </summary>
public sealed class ExportLinks(IOptions<JwtOptions> jwt, IOptions<ExportOptions> options) : IExportLinks
{
    public const string PathPrefix = "/api/v1/exports/";

    private readonly byte[] _key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(jwt.Value.SigningKey), "kdfamily:export-link:v1"u8);

    public ExportLink Issue(Guid userId, Instant now)
    {
        var expiresAt = Instant.FromUnixTimeSeconds((now + Duration.FromTimeSpan(options.Value.LinkLifetime)).ToUnixTimeSeconds());
        var payload = Payload(userId, expiresAt.ToUnixTimeSeconds());
        return new ExportLink(PathPrefix + payload + "." + Base64Url.EncodeToString(Sign(payload)), expiresAt);
    }

    /// <summary>Checks a link's token (the last path segment) at <paramref name="now"/>; the user it was issued to, when it is genuine.</summary>
    public (ExportLinkStatus Status, Guid UserId) Check(string token, Instant now)
    {
        ArgumentNullException.ThrowIfNull(token);
        var parts = token.Split('.');
        if (parts.Length != 3
            || !Guid.TryParseExact(parts[0], "N", out var userId)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || !Base64Url.IsValid(parts[2]))
        {
            return (ExportLinkStatus.Invalid, Guid.Empty);
        }

        var payload = Payload(userId, expires);
        if (payload != parts[0] + "." + parts[1] || !CryptographicOperations.FixedTimeEquals(Sign(payload), Base64Url.DecodeFromChars(parts[2])))
        {
            return (ExportLinkStatus.Invalid, Guid.Empty);
        }

        return (expires <= now.ToUnixTimeSeconds() ? ExportLinkStatus.Expired : ExportLinkStatus.Valid, userId);
    }

    private static string Payload(Guid userId, long expiresAt) => string.Create(CultureInfo.InvariantCulture, $"{userId:N}.{expiresAt}");

    private byte[] Sign(string payload) => HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(payload));
}
