using KdFamily.Domain.Email;

namespace KdFamily.Graph.Email;

/// <summary>
/// Without <c>Smtp:Host</c>: each mail, links included, is written to the log at Information level instead of sent,
/// so someone running the service locally can still follow a reset link. The sender records such mails as
/// <see cref="OutboundEmailStatus.Logged"/>, so each is logged once.
/// </summary>
public sealed partial class LogEmailTransport(ILogger<LogEmailTransport> logger) : IEmailTransport, IEmailConnection
{
    public bool LogsOnly => true;

    public Task<IEmailConnection> OpenAsync(CancellationToken cancellationToken) => Task.FromResult<IEmailConnection>(this);

    public Task SendAsync(OutboundEmail email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        LogMail(logger, email.To, email.Subject, email.Body);
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail not sent (no Smtp:Host configured) to {To}: {Subject}\n{Body}")]
    private static partial void LogMail(ILogger logger, string to, string subject, string body);
}
