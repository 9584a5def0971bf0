using System.Security.Cryptography;

namespace KdFamily.Domain.Families;

public static class InviteCodes
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>A family invite code: 10 characters without look-alikes (no 0/O, 1/I), about 50 bits.</summary>
    public static string New() => RandomNumberGenerator.GetString(Alphabet, 10);
}
