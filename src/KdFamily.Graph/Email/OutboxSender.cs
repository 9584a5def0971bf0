using KdFamily.Application.Email;
using KdFamily.Application.Pipeline;
using KdFamily.Domain.Email;
using KdFamily.Graph.Outages;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;

namespace KdFamily.Graph.Email;

/// <summary>
/// Sends the outbox every <see cref="SmtpOptions.PollInterval"/>, a batch at a time, on every instance: a batch is
/// claimed in a short transaction (<see cref="ClaimOutboundEmailsHandler"/>: no other sender takes its mails while
/// its lease lasts), sent with no transaction open, and each mail's outcome is written right after its attempt
/// (<see cref="RecordEmailAttemptHandler"/>). A failure is retried with exponential backoff until
/// <see cref="SmtpOptions.MaxAttempts"/>, then the mail is Failed with its last error. A mail is recorded as sent
/// only after the server accepted it, so a crash between the two sends it again (at least once).
/// </summary>
public sealed partial class OutboxSender(
    IServiceScopeFactory scopes, IEmailTransport transport, IOptions<SmtpOptions> options, ILogger<OutboxSender> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (transport.LogsOnly)
        {
            LogNoSmtpHost(logger);
        }

        using var timer = new PeriodicTimer(options.Value.PollInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                while (await SendBatchAsync(stoppingToken) == options.Value.BatchSize)
                {
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Claimed mails stay claimed until their lease ends, then any sender tries them again.
                if (DatabaseUnavailable.Is(ex))
                {
                    LogDatabaseUnavailable(logger, DatabaseUnavailable.Reason(ex));
                }
                else
                {
                    LogBatchFailed(logger, ex);
                }
            }
        }
    }

    /// <summary>Claims, sends and records one batch; returns how many mails it claimed.</summary>
    public async Task<int> SendBatchAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var policy = settings.RetryPolicy;
        IReadOnlyList<OutboundEmail> claimed;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var claim = scope.ServiceProvider.GetRequiredService<IUseCase<ClaimOutboundEmails, IReadOnlyList<OutboundEmail>>>();
            claimed = (await claim.HandleAsync(new ClaimOutboundEmails(settings.BatchSize, settings.ClaimLease, policy), cancellationToken)).Value ?? [];
        }

        if (claimed.Count == 0)
        {
            return 0;
        }

        IEmailConnection? connection = null;
        string? connectionError = null;
        try
        {
            connection = await transport.OpenAsync(cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            connectionError = Describe(ex);
        }

        try
        {
            foreach (var email in claimed)
            {
                var error = connectionError;
                if (connection is not null)
                {
                    try
                    {
                        await connection.SendAsync(email, cancellationToken);
                    }
                    catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                    {
                        error = Describe(ex);
                    }
                }

                await RecordAsync(email, error, policy, cancellationToken);
            }
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }

        return claimed.Count;
    }

    private async Task RecordAsync(OutboundEmail email, string? error, EmailRetryPolicy policy, CancellationToken cancellationToken)
    {
        var command = error is null
            ? RecordEmailAttempt.Delivered(email.Id, transport.LogsOnly, policy)
            : RecordEmailAttempt.Failed(email.Id, error, policy);
        await using var scope = scopes.CreateAsyncScope();
        var record = scope.ServiceProvider.GetRequiredService<IUseCase<RecordEmailAttempt, OutboundEmailStatus>>();

        // Once the server has the mail, its outcome is written even while the host stops: else it would be sent again.
        var status = (await record.HandleAsync(command, CancellationToken.None)).Value;
        switch (status)
        {
            case OutboundEmailStatus.Sent:
                LogSent(logger, email.Id, email.Attempts);
                break;
            case OutboundEmailStatus.Failed when error is not null:
                LogGaveUp(logger, email.Id, email.Attempts, error);
                break;
            case OutboundEmailStatus.Pending when error is not null:
                LogAttemptFailed(logger, email.Id, email.Attempts, policy.MaxAttempts, error);
                break;
            default:
                break;
        }
    }

    private static string Describe(Exception exception) => exception switch
    {
        SmtpCommandException command => $"SMTP {(int)command.StatusCode}: {command.Message}",
        _ => exception.Message,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Smtp:Host is not set: mails are written to the log (links included) instead of sent.")]
    private static partial void LogNoSmtpHost(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail {EmailId} sent (attempt {Attempt}).")]
    private static partial void LogSent(ILogger logger, Guid emailId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {EmailId}: attempt {Attempt} of {MaxAttempts} failed, retrying later: {Error}")]
    private static partial void LogAttemptFailed(ILogger logger, Guid emailId, int attempt, int maxAttempts, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Mail {EmailId} failed for good after {Attempts} attempts: {Error}")]
    private static partial void LogGaveUp(ILogger logger, Guid emailId, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox: PostgreSQL is unavailable ({Reason}); retrying on the next tick.")]
    private static partial void LogDatabaseUnavailable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox: a batch failed; its mails are tried again once their claim runs out.")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception);
}
