using NodaTime;

namespace KdFamily.Domain.Auth;

/// <summary>
/// A forgot-password request waiting in the queue. Every request writes one, whether or not the address has an
/// account, so the answer takes the same time either way; the queue's processor looks the account up later, mails
/// the reset link if there is one, and deletes the row.
/// </summary>
public sealed class PasswordResetRequest
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>As typed, trimmed and lower-cased.</summary>
    public required string Email { get; set; }

    public Instant RequestedAt { get; set; }

    /// <summary>The requester's address and client, for the audit entry written when the account exists.</summary>
    public string? IpAddress { get; set; }

    public string? UserAgent { get; set; }
}
