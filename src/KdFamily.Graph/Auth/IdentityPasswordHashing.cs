using KdFamily.Application.Auth;
using KdFamily.Domain.Users;
using Microsoft.AspNetCore.Identity;

namespace KdFamily.Graph.Auth;

/// <summary>Passwords hashed with ASP.NET Core Identity's hasher (PBKDF2; it reports hashes made with older settings).</summary>
public sealed class IdentityPasswordHashing(IPasswordHasher<User> hasher) : IPasswordHashing
{
    // Checked against when the login names nobody, so unknown and known accounts take the same time.
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<User>().HashPassword(null!, "not-a-real-password"));

    public string Hash(string password) => hasher.HashPassword(null!, password);

    public PasswordCheck Check(User? user, string password) =>
        hasher.VerifyHashedPassword(user!, user?.PasswordHash ?? DummyHash.Value, password) switch
        {
            _ when user is null => PasswordCheck.Wrong,
            PasswordVerificationResult.Success => PasswordCheck.Right,
            PasswordVerificationResult.SuccessRehashNeeded => PasswordCheck.RightButOutdated,
            _ => PasswordCheck.Wrong,
        };
}
