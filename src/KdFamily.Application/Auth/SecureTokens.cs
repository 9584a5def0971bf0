using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace KdFamily.Application.Auth;

/// <summary>
/// Opaque bearer secrets (refresh and password-reset tokens): 32 random bytes as base64url. The database keeps
/// only the SHA-256 hash (hex), so a leaked table cannot be replayed.
/// </summary>
public static class SecureTokens
{
    public static (string Token, string Hash) New()
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
