using KdFamily.Domain.Errors;
using KdFamily.Domain.Families;
using NodaTime;

namespace KdFamily.Domain.Users;

/// <summary>Who a new account is: its names as typed (they are normalized here) and a password hash.</summary>
public sealed record NewAccount(string Username, string Email, string FullName, string PasswordHash);

/// <summary>How people become members: by founding a family (as its advisor) or by joining one with its invite code.</summary>
public static class Registration
{
    /// <summary>Usernames are stored and compared trimmed and lower-cased.</summary>
    public static string NormalizeUsername(string username)
    {
        ArgumentNullException.ThrowIfNull(username);
        return username.Trim().ToLowerInvariant();
    }

    /// <summary>Invite codes are compared trimmed and upper-cased.</summary>
    public static string NormalizeInviteCode(string inviteCode)
    {
        ArgumentNullException.ThrowIfNull(inviteCode);
        return inviteCode.Trim().ToUpperInvariant();
    }

    /// <summary>A new family (in <paramref name="timeZone"/>, UTC when none is given) with the account as its first advisor.</summary>
    public static (Family Family, User Advisor) Found(string familyName, string? timeZone, NewAccount account, Instant now)
    {
        ArgumentNullException.ThrowIfNull(familyName);
        var family = new Family
        {
            Name = familyName.Trim(),
            TimeZone = timeZone ?? "UTC",
            InviteCode = InviteCodes.New(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        return (family, NewUser(family, account, UserRole.Advisor, now));
    }

    /// <summary>
    /// The account as a MEMBER of <paramref name="family"/>, unless it already has <see cref="FamilyLimits.MaxMembers"/>
    /// current members (<paramref name="currentMembers"/>, counted while the family row is locked).
    /// </summary>
    public static Result<User> Join(Family family, int currentMembers, NewAccount account, Instant now)
    {
        ArgumentNullException.ThrowIfNull(family);
        if (currentMembers >= FamilyLimits.MaxMembers)
        {
            return new FamilyFullError($"The family already has {FamilyLimits.MaxMembers} members, the most a family can have.");
        }

        return NewUser(family, account, UserRole.Member, now);
    }

    private static User NewUser(Family family, NewAccount account, UserRole role, Instant now)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new User
        {
            FamilyId = family.Id,
            Username = NormalizeUsername(account.Username),
            Email = Profile.NormalizeEmail(account.Email)!,
            FullName = account.FullName.Trim(),
            PasswordHash = account.PasswordHash,
            Role = role,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }
}
