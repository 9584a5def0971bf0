using NodaTime;

namespace KdFamily.Domain.Email;

/// <summary>An e-mail waiting to be sent (outbox): written in the same transaction as the change that caused it.</summary>
public sealed class OutboundEmail
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string To { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public Instant CreatedAt { get; set; }
    public Instant? SentAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
}
