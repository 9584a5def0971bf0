using KdFamily.Domain.Users;
using NodaTime;

namespace KdFamily.Domain.Auth;

/// <summary>
/// One login: a chain of refresh tokens where each use spends the current token and issues the next.
/// Presenting a spent token again revokes the whole session (reuse detection).
/// </summary>
public sealed class AuthSession
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public User? User { get; set; }
    public Instant CreatedAt { get; set; }
    public Instant ExpiresAt { get; set; }
    public Instant? RevokedAt { get; set; }
    public string? RevokedReason { get; set; }
    public string? IpAddress { get; set; }
    public string? UserAgent { get; set; }
    public List<RefreshToken> Tokens { get; } = [];
}
