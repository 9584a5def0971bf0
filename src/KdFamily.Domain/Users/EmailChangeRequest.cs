using NodaTime;

namespace KdFamily.Domain.Users;

/// <summary>
/// A new address waiting for proof that the user reads it: the change applies when the token mailed there comes back.
/// Only the token's SHA-256 hash is stored; <see cref="UsedAt"/> is set once, when it is confirmed or superseded.
/// </summary>
public sealed class EmailChangeRequest
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public User? User { get; set; }
    public required string NewEmail { get; set; }
    public required string TokenHash { get; set; }
    public Instant CreatedAt { get; set; }
    public Instant ExpiresAt { get; set; }
    public Instant? UsedAt { get; set; }
}
