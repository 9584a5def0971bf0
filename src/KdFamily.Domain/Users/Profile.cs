using KdFamily.Domain.Errors;
using NodaTime;

namespace KdFamily.Domain.Users;

/// <summary>A validated profile change: name and avatar applied to the user; a new address only requested.</summary>
/// <param name="User">The user, with the new name and avatar (and the current e-mail address).</param>
/// <param name="RequestedEmail">The new address (normalized) when it differs from the current one, else null.</param>
public sealed record ProfileChange(User User, string? RequestedEmail);

/// <summary>What users change about themselves. Fields left null stay as they are.</summary>
public static class Profile
{
    public const int MaxFullName = 100;
    public const int MaxEmail = 254;
    public const int MaxAvatarUrl = 500;

    /// <summary>
    /// How many address changes one account may request in 24 hours: each mails a confirmation to an address of the
    /// caller's choosing, so the mutation must not become a way to send mail in bulk.
    /// </summary>
    public const int MaxEmailChangesPerDay = 5;

    /// <summary>
    /// Validates the changes and applies name and avatar. A new e-mail address (trimmed and lower-cased) is not applied:
    /// it is returned as <see cref="ProfileChange.RequestedEmail"/>, to be confirmed by its owner before it replaces the
    /// current one. An empty <paramref name="avatarUrl"/> removes the picture. A child account has no address and gets none.
    /// </summary>
    public static Result<ProfileChange> Update(User user, string? fullName, string? email, string? avatarUrl, Instant now)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.IsChildAccount && email is not null)
        {
            return new ChildAccountRestrictedError("A child account has no e-mail address; it signs in with its username and PIN.");
        }

        var name = fullName?.Trim();
        if (name is not null && (name.Length == 0 || name.Length > MaxFullName))
        {
            return new ValidationError("fullName", $"The full name must have 1 to {MaxFullName} characters.");
        }

        var mail = NormalizeEmail(email);
        if (mail is not null && (mail.Length > MaxEmail || !LooksLikeEmail(mail)))
        {
            return new ValidationError("email", "The e-mail address is not valid.");
        }

        var avatar = avatarUrl?.Trim();
        if (avatar is { Length: > 0 } && (avatar.Length > MaxAvatarUrl
            || !Uri.TryCreate(avatar, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
        {
            return new ValidationError("avatarUrl", $"The avatar URL must be an absolute http(s) URL of at most {MaxAvatarUrl} characters.");
        }

        user.FullName = name ?? user.FullName;
        user.AvatarUrl = avatar is null ? user.AvatarUrl : avatar.Length == 0 ? null : avatar;
        user.UpdatedAt = now;
        return new ProfileChange(user, mail is not null && mail != user.Email ? mail : null);
    }

    /// <summary>The unique index on users' addresses: violating it means another account took the address first.</summary>
    public const string EmailIndex = "ix_users_email";

    /// <summary>How far back <see cref="MaxEmailChangesPerDay"/> counts an account's address-change requests.</summary>
    public static readonly Duration EmailChangeWindow = Duration.FromDays(1);

    /// <summary>
    /// Whether an account that asked for <paramref name="requestedInWindow"/> address changes within
    /// <see cref="EmailChangeWindow"/> may ask for another: null when it may, else the error to answer.
    /// </summary>
    public static ValidationError? CheckEmailChangeAllowance(int requestedInWindow) =>
        requestedInWindow >= MaxEmailChangesPerDay
            ? new ValidationError("email", $"At most {MaxEmailChangesPerDay} e-mail address changes a day; try again tomorrow.")
            : null;

    /// <summary>How e-mail addresses are stored and compared: trimmed and lower-cased.</summary>
    public static string? NormalizeEmail(string? email) => email?.Trim().ToLowerInvariant();

    private static bool LooksLikeEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == email.LastIndexOf('@') && at < email.Length - 1 && !email.Any(char.IsWhiteSpace);
    }
}
