using KdFamily.Domain.Users;
using NodaTime;

namespace KdFamily.Domain.Auth;

/// <summary>
/// A single-use, time-limited password reset token sent by e-mail. Only its SHA-256 hash is stored;
/// <see cref="UsedAt"/> is set once, by a conditional update, when the password is reset.
/// </summary>
public sealed class PasswordResetToken
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public User? User { get; set; }
    public required string TokenHash { get; set; }
    public Instant CreatedAt { get; set; }
    public Instant ExpiresAt { get; set; }
    public Instant? UsedAt { get; set; }
}
