namespace KdFamily.Domain.Email;

public enum OutboundEmailStatus
{
    /// <summary>Waiting for a sender (due at <see cref="OutboundEmail.NextAttemptAt"/>).</summary>
    Pending,

    /// <summary>Accepted by the SMTP server.</summary>
    Sent,

    /// <summary>No SMTP server was configured: written to the log instead (local runs), and not logged again.</summary>
    Logged,

    /// <summary>Every attempt failed; <see cref="OutboundEmail.LastError"/> says why. Never retried.</summary>
    Failed,
}
