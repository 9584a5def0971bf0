using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using NodaTime;

namespace KdFamily.Graph.Auth;

/// <summary>What a presented signed link turned out to be.</summary>
public enum SignedLinkStatus
{
    /// <summary>Malformed, or its signature does not match: forged or altered.</summary>
    Invalid,
    Expired,
    Valid,
}

/// <summary>
/// The signature of links the API hands out (file downloads, data exports): HMAC-SHA256 over the link's payload with a
/// key derived from <c>Jwt:SigningKey</c> for one <paramref name="purpose"/> only, so every instance accepts the others'
/// links and neither an access token nor a link of another purpose can pass for one. Each link keeps its own payload
/// format; the payload must name the expiry it is checked against.
/// </summary>
public sealed class SignedLinks(string signingKey, string purpose)
{
    private readonly byte[] _key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingKey), Encoding.ASCII.GetBytes(purpose));

    /// <summary>The signature of <paramref name="payload"/>, base64url.</summary>
    public string Sign(string payload) => Base64Url.EncodeToString(Hash(payload));

    /// <summary>Whether <paramref name="signature"/> is that of <paramref name="payload"/>, and if so whether <paramref name="expiresAt"/> (unix seconds) has passed.</summary>
    public SignedLinkStatus Check(string payload, long expiresAt, string? signature, Instant now)
    {
        if (signature is null || !Base64Url.IsValid(signature) || !CryptographicOperations.FixedTimeEquals(Hash(payload), Base64Url.DecodeFromChars(signature)))
        {
            return SignedLinkStatus.Invalid;
        }

        return expiresAt <= now.ToUnixTimeSeconds() ? SignedLinkStatus.Expired : SignedLinkStatus.Valid;
    }

    private byte[] Hash(string payload) => HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(payload));
}
