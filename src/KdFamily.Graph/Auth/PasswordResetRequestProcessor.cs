using KdFamily.Application.Audit;
using KdFamily.Application.Auth;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Auth;
using KdFamily.Domain.Data;
using KdFamily.Domain.Email;
using KdFamily.Domain.Users;
using KdFamily.Graph.Outages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace KdFamily.Graph.Auth;

/// <summary>
/// Works off the forgot-password queue every <see cref="AuthOptions.PasswordResetQueueInterval"/>: for each request
/// whose address has an account, a reset token and the e-mail with its link; then the request is deleted, so addresses
/// without an account are not kept. Batches run on a timer, not right after each request, so the extra work for an
/// existing account does not show in the timing of the request that caused it. Rows are claimed with
/// <c>FOR UPDATE SKIP LOCKED</c>, so several instances share the queue without sending a link twice.
/// </summary>
public sealed partial class PasswordResetRequestProcessor(
    IDbContextFactory<KdFamilyDbContext> dbFactory, IOptions<AuthOptions> options, IClock clock, ILogger<PasswordResetRequestProcessor> logger)
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
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var requests = await db.PasswordResetRequests
            .FromSql($"SELECT * FROM password_reset_requests ORDER BY requested_at LIMIT {BatchSize} FOR UPDATE SKIP LOCKED")
            .ToListAsync(cancellationToken);
        if (requests.Count == 0)
        {
            return 0;
        }

        var emails = requests.Select(r => r.Email).Distinct().ToList();
        var users = await db.Users.Where(u => emails.Contains(u.Email) && u.RemovedAt == null).ToDictionaryAsync(u => u.Email, cancellationToken);
        var now = clock.GetCurrentInstant();
        foreach (var request in requests)
        {
            if (users.TryGetValue(request.Email, out var user))
            {
                QueueResetMail(db, user, request, now);
            }
        }

        db.PasswordResetRequests.RemoveRange(requests);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return requests.Count;
    }

    private void QueueResetMail(KdFamilyDbContext db, User user, PasswordResetRequest request, Instant now)
    {
        var lifetime = options.Value.PasswordResetTokenLifetime;
        var (token, hash) = SecureTokens.New();
        db.PasswordResetTokens.Add(new PasswordResetToken
        {
            UserId = user.Id,
            TokenHash = hash,
            CreatedAt = now,
            ExpiresAt = now + Duration.FromTimeSpan(lifetime),
        });
        var link = $"{options.Value.PasswordResetUrl}?token={Uri.EscapeDataString(token)}";
        db.OutboundEmails.Add(new OutboundEmail
        {
            To = user.Email,
            Subject = "Reset your KD Family password",
            Body = $"Hello {user.FullName},\n\nto choose a new password, open {link}\n\n"
                + $"The link works once and expires in {(int)lifetime.TotalMinutes} minutes. "
                + "If you did not ask for it, ignore this e-mail.\n\nReset token: " + token + "\n",
            CreatedAt = now,
        });
        var audit = AuditTrail.Entry(NoRequestOrigin.Instance, request.RequestedAt, AuditActions.PasswordResetRequested, user.FamilyId, user.Id, "User", user.Id, null);
        audit.IpAddress = request.IpAddress;
        audit.UserAgent = request.UserAgent;
        db.AuditLog.Add(audit);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Password reset queue: PostgreSQL is unavailable ({Reason}); retrying on the next tick")]
    private static partial void LogDatabaseUnavailable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Password reset queue: a batch failed; its requests stay queued for the next tick")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception);
}
