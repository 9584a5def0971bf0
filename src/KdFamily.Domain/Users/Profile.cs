using KdFamily.Domain.Errors;
using NodaTime;

namespace KdFamily.Domain.Users;

/// <summary>What users change about themselves. Fields left null stay as they are.</summary>
public static class Profile
{
    public const int MaxFullName = 100;
    public const int MaxEmail = 254;
    public const int MaxAvatarUrl = 500;

    /// <summary>
    /// Validates and applies the changes. E-mail is trimmed and lower-cased (uniqueness is the caller's check, against
    /// the database); an empty <paramref name="avatarUrl"/> removes the picture.
    /// </summary>
    public static Result<User> Update(User user, string? fullName, string? email, string? avatarUrl, Instant now)
    {
        ArgumentNullException.ThrowIfNull(user);
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
        user.Email = mail ?? user.Email;
        user.AvatarUrl = avatar is null ? user.AvatarUrl : avatar.Length == 0 ? null : avatar;
        user.UpdatedAt = now;
        return user;
    }

    /// <summary>How e-mail addresses are stored and compared: trimmed and lower-cased.</summary>
    public static string? NormalizeEmail(string? email) => email?.Trim().ToLowerInvariant();

    private static bool LooksLikeEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == email.LastIndexOf('@') && at < email.Length - 1 && !email.Any(char.IsWhiteSpace);
    }
}
