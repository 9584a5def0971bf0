using NodaTime;

namespace KdFamily.Domain.Auth;

/// <summary>A refresh token of a session. Only its SHA-256 hash is stored.</summary>
public sealed class RefreshToken
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SessionId { get; set; }
    public AuthSession? Session { get; set; }
    public required string TokenHash { get; set; }
    public Instant CreatedAt { get; set; }
    public Instant? SpentAt { get; set; }
}
