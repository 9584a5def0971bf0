using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace KdFamily.Graph.Auth;

/// <summary>
/// Opaque bearer secrets (refresh and password-reset tokens): 32 random bytes as base64url. The database keeps
/// only the SHA-256 hash (hex), so a leaked table cannot be replayed.
/// </summary>
public static class SecureTokens
{
    private const string InviteAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static (string Token, string Hash) New()
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>A family invite code: 10 characters without look-alikes (no 0/O, 1/I), about 50 bits.</summary>
    public static string NewInviteCode() => RandomNumberGenerator.GetString(InviteAlphabet, 10);
}
