using KdFamily.Application.Pipeline;
using KdFamily.Domain.Email;
using KdFamily.Domain.Errors;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace KdFamily.Application.Email;

/// <summary>Up to <paramref name="BatchSize"/> due mails for one sender, each held for <paramref name="Lease"/>.</summary>
/// <param name="BatchSize">At most this many mails.</param>
/// <param name="Lease">Longer than the sender may take to try them all: until then no other sender claims them.</param>
/// <param name="Policy">How many attempts a mail gets.</param>
public sealed record ClaimOutboundEmails(int BatchSize, Duration Lease, EmailRetryPolicy Policy);

/// <summary>
/// Claims the oldest due mails for one sender in one short transaction, which ends before anything is sent: each
/// claim counts an attempt and moves the mail's <c>next_attempt_at</c> to the end of the lease. Rows are picked
/// with <c>FOR UPDATE SKIP LOCKED</c>, so senders on other instances claiming at the same moment take other rows
/// instead of waiting; the lease (rather than a lock held while sending) keeps them from the rows afterwards, and
/// hands a mail to another sender if this one dies mid-attempt (at least once). A mail whose last attempt never
/// finished (its lease ran out with no attempt left) is given up here, as <see cref="OutboundEmailStatus.Failed"/>.
/// </summary>
public sealed class ClaimOutboundEmailsHandler(UseCasePipeline pipeline) : IUseCase<ClaimOutboundEmails, IReadOnlyList<OutboundEmail>>
{
    public Task<Result<IReadOnlyList<OutboundEmail>>> HandleAsync(ClaimOutboundEmails command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return pipeline.RunAsync<IReadOnlyList<OutboundEmail>>(async (work, token) =>
        {
            var now = work.Now;
            var maxAttempts = command.Policy.MaxAttempts;
            await work.Db.OutboundEmails
                .Where(e => e.Status == OutboundEmailStatus.Pending && e.Attempts >= maxAttempts && e.NextAttemptAt <= now)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(e => e.Status, OutboundEmailStatus.Failed)
                        .SetProperty(e => e.FailedAt, now)
                        .SetProperty(e => e.LastError, e => e.LastError ?? "The last attempt did not finish (its sender stopped)."),
                    token);

            var leaseEnd = now + command.Lease;
            var claimed = await work.Db.OutboundEmails
                .FromSql($"""
                    UPDATE outbound_emails SET attempts = attempts + 1, next_attempt_at = {leaseEnd}
                    WHERE id IN (
                        SELECT id FROM outbound_emails
                        WHERE status = 'Pending' AND next_attempt_at <= {now} AND attempts < {maxAttempts}
                        ORDER BY next_attempt_at
                        LIMIT {command.BatchSize}
                        FOR UPDATE SKIP LOCKED)
                    RETURNING *
                    """)
                .AsNoTracking()
                .ToListAsync(token);
            return new Result<IReadOnlyList<OutboundEmail>>(claimed.OrderBy(e => e.CreatedAt).ToList());
        }, cancellationToken);
    }
}
