using NodaTime;

namespace KdFamily.Domain.Email;

/// <summary>
/// An e-mail waiting to be sent (outbox): written in the same transaction as the change that caused it, then sent by
/// a background sender, at least once. Each claim by a sender counts an attempt and moves <see cref="NextAttemptAt"/>
/// past the time the attempt may take, so a sender that dies mid-attempt leaves the mail to be claimed again.
/// </summary>
public sealed class OutboundEmail
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string To { get; set; }
    public required string Subject { get; set; }

    /// <summary>The plain-text part.</summary>
    public required string Body { get; set; }

    /// <summary>The HTML part (sent with <see cref="Body"/> as multipart/alternative).</summary>
    public required string HtmlBody { get; set; }

    public Instant CreatedAt { get; set; }
    public OutboundEmailStatus Status { get; set; } = OutboundEmailStatus.Pending;

    /// <summary>When a sender may claim it: due now, after a failure's backoff, or once a claim's lease runs out.</summary>
    public Instant NextAttemptAt { get; set; }

    /// <summary>When it was handed to the SMTP server (<see cref="OutboundEmailStatus.Sent"/>) or written to the log (<see cref="OutboundEmailStatus.Logged"/>).</summary>
    public Instant? SentAt { get; set; }

    /// <summary>When the sender gave up on it (<see cref="OutboundEmailStatus.Failed"/>).</summary>
    public Instant? FailedAt { get; set; }

    /// <summary>Claims so far: each one is an attempt to send.</summary>
    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public const int LastErrorMaxLength = 2000;

    /// <summary>A rendered message for <paramref name="to"/>, due at once.</summary>
    public static OutboundEmail Compose(string to, EmailMessage message, Instant now)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new OutboundEmail
        {
            To = to,
            Subject = message.Subject,
            Body = message.TextBody,
            HtmlBody = message.HtmlBody,
            CreatedAt = now,
            NextAttemptAt = now,
        };
    }

    /// <summary>The attempt worked: handed to the SMTP server, or (with no server configured) written to the log.</summary>
    public void RecordDelivered(Instant now, bool loggedOnly)
    {
        Status = loggedOnly ? OutboundEmailStatus.Logged : OutboundEmailStatus.Sent;
        SentAt = now;
    }

    /// <summary>
    /// The attempt failed: due again after the policy's backoff, or, once the attempts are spent,
    /// <see cref="OutboundEmailStatus.Failed"/> for good with the error kept.
    /// </summary>
    public void RecordFailure(string error, Instant now, EmailRetryPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(policy);
        LastError = error.Length > LastErrorMaxLength ? error[..LastErrorMaxLength] : error;
        if (policy.GivesUpAfter(Attempts))
        {
            Status = OutboundEmailStatus.Failed;
            FailedAt = now;
        }
        else
        {
            NextAttemptAt = now + policy.DelayAfter(Attempts);
        }
    }
}
