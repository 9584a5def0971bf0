using KdFamily.Domain.Email;

namespace KdFamily.Graph.Email;

/// <summary>Where the outbox sender hands mails: an SMTP server (<see cref="SmtpEmailTransport"/>) or, without one, the log (<see cref="LogEmailTransport"/>).</summary>
public interface IEmailTransport
{
    /// <summary>True when mails are only written to the log (they are recorded as <see cref="OutboundEmailStatus.Logged"/>).</summary>
    bool LogsOnly { get; }

    /// <summary>A connection for one batch; fails when the server cannot be reached or refuses the credentials.</summary>
    Task<IEmailConnection> OpenAsync(CancellationToken cancellationToken);
}

/// <summary>One batch's connection to the transport.</summary>
public interface IEmailConnection : IAsyncDisposable
{
    /// <summary>Returns once the mail is accepted; throws when it is not.</summary>
    Task SendAsync(OutboundEmail email, CancellationToken cancellationToken);
}
