using KdFamily.Application.Auth;
using KdFamily.Application.Pipeline;
using KdFamily.Graph.Outages;
using Microsoft.Extensions.Options;

namespace KdFamily.Graph.Auth;

/// <summary>
/// Works off the forgot-password queue every <see cref="AuthOptions.PasswordResetQueueInterval"/>, a batch at a time
/// (<see cref="ProcessPasswordResetRequestsHandler"/>: a reset link for each address with an account). Batches run on
/// a timer, not right after each request, so the extra work for an existing account does not show in the timing of the
/// request that caused it.
/// </summary>
public sealed partial class PasswordResetRequestProcessor(
    IServiceScopeFactory scopes, IOptions<AuthOptions> options, ILogger<PasswordResetRequestProcessor> logger)
    : BackgroundService
{
    private const int BatchSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PasswordResetQueueInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                int processed;
                do
                {
                    processed = await ProcessBatchAsync(stoppingToken);
                }
                while (processed == BatchSize);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The rows stay queued; the next tick retries them.
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

    /// <summary>Processes up to <see cref="BatchSize"/> queued requests in one transaction; returns how many.</summary>
    public async Task<int> ProcessBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var process = scope.ServiceProvider.GetRequiredService<IUseCase<ProcessPasswordResetRequests, int>>();
        var batch = new ProcessPasswordResetRequests(BatchSize, options.Value.PasswordResetTokenLifetime, options.Value.PasswordResetUrl);
        return (await process.HandleAsync(batch, cancellationToken)).Value;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Password reset queue: PostgreSQL is unavailable ({Reason}); retrying on the next tick")]
    private static partial void LogDatabaseUnavailable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Password reset queue: a batch failed; its requests stay queued for the next tick")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception);
}
