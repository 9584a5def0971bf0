using System.Globalization;
using KdFamily.Graph.Auth;
using Microsoft.Extensions.Options;
using NodaTime;

namespace KdFamily.Graph.Files;

/// <summary>
/// File links <c>/files/{fileId}?expires={unix seconds}&amp;signature={base64url}</c>, signed over the file and the
/// expiry (<see cref="SignedLinks"/>, a key of their own), so every instance accepts the others' links and neither a
/// token nor an export link can pass for one. The expiry is rounded up to the minute, so a file's link stays the same
/// for a minute and client caches can keep the image.
/// </summary>
public sealed class FileLinks(IOptions<JwtOptions> jwt, IOptions<StorageOptions> options)
{
    public const string PathPrefix = "/files/";

    private readonly SignedLinks _signed = new(jwt.Value.SigningKey, "kdfamily:file-link:v1");

    public string Issue(Guid fileId, Instant now)
    {
        var expires = (now + Duration.FromTimeSpan(options.Value.LinkLifetime)).ToUnixTimeSeconds();
        expires = (expires + 59) / 60 * 60;
        return string.Create(CultureInfo.InvariantCulture, $"{PathPrefix}{fileId:N}?expires={expires}&signature={_signed.Sign(Payload(fileId, expires))}");
    }

    public SignedLinkStatus Check(Guid fileId, string? expires, string? signature, Instant now) =>
        long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAt)
            ? _signed.Check(Payload(fileId, expiresAt), expiresAt, signature, now)
            : SignedLinkStatus.Invalid;

    private static string Payload(Guid fileId, long expires) => string.Create(CultureInfo.InvariantCulture, $"{fileId:N}.{expires}");
}
