using KdFamily.Domain.Errors;
using KdFamily.Domain.Families;
using KdFamily.Domain.Users;
using NodaTime;

namespace KdFamily.Domain.ChildAccounts;

/// <summary>
/// Accounts a parent creates for a child: a MEMBER of the parent's family, signing in with a username and a PIN, without
/// an e-mail address. Only the family's parents and advisors set the PIN; the child cannot change their role, PIN,
/// address or family.
/// </summary>
public static class ChildAccount
{
    public const int MinUsername = 3;
    public const int MaxUsername = 50;
    public const int MinPin = 4;
    public const int MaxPin = 8;

    /// <summary>
    /// Usernames as registration accepts them: 3–50 ASCII letters, digits, '_', '.' and '-' (so never an e-mail address,
    /// which the login field also accepts), unique whatever their case.
    /// </summary>
    public static ValidationError? CheckUsername(string username)
    {
        ArgumentNullException.ThrowIfNull(username);
        var name = username.Trim();
        return name.Length is < MinUsername or > MaxUsername || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-')
            ? new ValidationError("username", $"The username must have {MinUsername} to {MaxUsername} letters, digits, '_', '.' or '-'.")
            : null;
    }

    /// <summary>Whether <paramref name="pin"/> has the shape of a PIN: 4 to 8 ASCII digits, nothing else.</summary>
    public static bool IsPin(string? pin) =>
        pin is { Length: >= MinPin and <= MaxPin } && pin.All(char.IsAsciiDigit);

    public static ValidationError? CheckPin(string pin) =>
        IsPin(pin) ? null : new ValidationError("pin", $"The PIN must be {MinPin} to {MaxPin} digits.");

    /// <summary>
    /// A child account of <paramref name="parent"/>'s family, with the hash of its PIN, unless the parent is no parent or
    /// advisor there or the family already has <see cref="FamilyLimits.MaxMembers"/> current members
    /// (<paramref name="currentMembers"/>, counted while the family row is locked). Validate the PIN before hashing it.
    /// </summary>
    public static Result<User> Create(User parent, int currentMembers, string username, string fullName, string pinHash, Instant now)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(fullName);
        if (RequireParent(parent) is { } refused)
        {
            return refused;
        }

        if (CheckUsername(username) is { } badUsername)
        {
            return badUsername;
        }

        var name = fullName.Trim();
        if (name.Length is 0 or > Profile.MaxFullName)
        {
            return new ValidationError("fullName", $"The full name must have 1 to {Profile.MaxFullName} characters.");
        }

        if (currentMembers >= FamilyLimits.MaxMembers)
        {
            return new FamilyFullError($"The family already has {FamilyLimits.MaxMembers} members, the most a family can have.");
        }

        return new User
        {
            FamilyId = parent.FamilyId,
            Username = Registration.NormalizeUsername(username),
            Email = null,
            FullName = name,
            PasswordHash = pinHash,
            Role = UserRole.Member,
            IsChildAccount = true,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>
    /// The child account <paramref name="parent"/> may manage (reset its PIN, unlock it): a current child account of the
    /// parent's own family. Another family's or a removed user is NOT_FOUND, an ordinary account NOT_CHILD_ACCOUNT.
    /// </summary>
    public static DomainError? CheckManagedBy(User parent, User? child)
    {
        ArgumentNullException.ThrowIfNull(parent);
        if (child is null || child.RemovedAt is not null || child.FamilyId != parent.FamilyId)
        {
            return NotFoundError.Of("User");
        }

        if (RequireParent(parent) is { } refused)
        {
            return refused;
        }

        return child.IsChildAccount ? null : new NotChildAccountError("Only child accounts have a PIN; this account signs in with its password.");
    }

    /// <summary>
    /// Sets a new PIN (its hash) and lifts any lock: a parent who chose a new PIN has dealt with whatever the failures were.
    /// Check <see cref="CheckManagedBy"/> first.
    /// </summary>
    public static void ResetPin(User child, string pinHash, Instant now)
    {
        ArgumentNullException.ThrowIfNull(child);
        child.PasswordHash = pinHash;
        Unlock(child, now);
    }

    /// <summary>Lifts the lock and forgets the failed attempts. Check <see cref="CheckManagedBy"/> first.</summary>
    public static void Unlock(User child, Instant now)
    {
        ArgumentNullException.ThrowIfNull(child);
        child.PinFailedAttempts = 0;
        child.PinLockedUntil = null;
        child.UpdatedAt = now;
    }

    /// <summary>What a child account may not do itself: the error for the attempt, naming what it tried (e.g. "change its password").</summary>
    public static ChildAccountRestrictedError Restricted(string what) =>
        new($"A child account cannot {what}; a parent of the family manages it.");

    private static NotAuthorizedError? RequireParent(User parent) =>
        parent.Role >= UserRole.Parent ? null : new NotAuthorizedError("Only parents and advisors manage child accounts.");
}
