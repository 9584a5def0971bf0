using KdFamily.Domain.Users;

namespace KdFamily.Application.Auth;

public enum PasswordCheck
{
    Wrong,
    Right,

    /// <summary>Right, but hashed with older settings: store a new hash now that the password is known.</summary>
    RightButOutdated,
}

/// <summary>How passwords are hashed and checked (the host's hasher).</summary>
public interface IPasswordHashing
{
    string Hash(string password);

    /// <summary>
    /// Checks <paramref name="password"/> against the user's hash. With no user, it checks against a hash of nobody's
    /// password (and answers <see cref="PasswordCheck.Wrong"/>), so unknown and known logins take the same time.
    /// </summary>
    PasswordCheck Check(User? user, string password);
}
