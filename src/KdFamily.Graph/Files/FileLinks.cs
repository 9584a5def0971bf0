using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using KdFamily.Graph.Auth;
using Microsoft.Extensions.Options;
using NodaTime;

namespace KdFamily.Graph.Files;

/// <summary>What a presented file link turned out to be.</summary>
public enum FileLinkStatus
{
    /// <summary>Malformed, or its signature does not match: forged or altered.</summary>
    Invalid,
    Expired,
    Valid,
}

/// <summary>
/// File links <c>/files/{fileId}?expires={unix seconds}&amp;signature={base64url}</c>: HMAC-SHA256 over the file and
/// the expiry with a key derived from <c>Jwt:SigningKey</c> for this purpose only (as the export links), so every
/// instance accepts the others' links and neither a token nor an export link can pass for one. The expiry is rounded up
/// to the minute, so a file's link stays the same for a minute and client caches can keep the image.
/// </summary>
public sealed class FileLinks(IOptions<JwtOptions> jwt, IOptions<StorageOptions> options)
{
    public const string PathPrefix = "/files/";

    private readonly byte[] _key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(jwt.Value.SigningKey), "kdfamily:file-link:v1"u8);

    public string Issue(Guid fileId, Instant now)
    {
        var expires = (now + Duration.FromTimeSpan(options.Value.LinkLifetime)).ToUnixTimeSeconds();
        expires = (expires + 59) / 60 * 60;
        return string.Create(CultureInfo.InvariantCulture, $"{PathPrefix}{fileId:N}?expires={expires}&signature={Base64Url.EncodeToString(Sign(fileId, expires))}");
    }

    public FileLinkStatus Check(Guid fileId, string? expires, string? signature, Instant now)
    {
        if (!long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAt)
            || signature is null || !Base64Url.IsValid(signature)
            || !CryptographicOperations.FixedTimeEquals(Sign(fileId, expiresAt), Base64Url.DecodeFromChars(signature)))
        {
            return FileLinkStatus.Invalid;
        }

        return expiresAt <= now.ToUnixTimeSeconds() ? FileLinkStatus.Expired : FileLinkStatus.Valid;
    }

    private byte[] Sign(Guid fileId, long expires) =>
        HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{fileId:N}.{expires}")));
}
