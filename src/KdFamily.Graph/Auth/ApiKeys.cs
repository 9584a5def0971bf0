using System.Security.Cryptography;
using System.Text;

namespace KdFamily.Graph.Auth;

/// <summary>Operator keys (admin, metrics) compared in constant time, whatever their lengths.</summary>
public static class ApiKeys
{
    public static bool Match(string presented, string expected)
    {
        ArgumentNullException.ThrowIfNull(presented);
        ArgumentNullException.ThrowIfNull(expected);
        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
    }
}
