using KdFamily.Application.Pipeline;
using KdFamily.Domain.Email;
using KdFamily.Domain.Errors;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Application.Email;

/// <summary>How a claimed mail's attempt ended: delivered (to the SMTP server, or only to the log) or failed with <paramref name="Error"/>.</summary>
public sealed record RecordEmailAttempt(Guid EmailId, string? Error, bool LoggedOnly, EmailRetryPolicy Policy)
{
    public static RecordEmailAttempt Delivered(Guid emailId, bool loggedOnly, EmailRetryPolicy policy) => new(emailId, null, loggedOnly, policy);

    public static RecordEmailAttempt Failed(Guid emailId, string error, EmailRetryPolicy policy) => new(emailId, error, false, policy);
}

/// <summary>
/// Writes the outcome of one attempt, after it (no transaction is open while the mail is sent): delivered, due again
/// after the retry policy's backoff, or given up once its attempts are spent. A mail that is no longer pending is
/// left as it is. Answers the mail's status.
/// </summary>
public sealed class RecordEmailAttemptHandler(UseCasePipeline pipeline) : IUseCase<RecordEmailAttempt, OutboundEmailStatus>
{
    public Task<Result<OutboundEmailStatus>> HandleAsync(RecordEmailAttempt command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return pipeline.RunAsync<OutboundEmailStatus>(async (work, token) =>
        {
            var email = await work.Db.OutboundEmails.FirstOrDefaultAsync(e => e.Id == command.EmailId, token);
            if (email is null)
            {
                return NotFoundError.Of("OutboundEmail");
            }

            if (email.Status == OutboundEmailStatus.Pending)
            {
                if (command.Error is { } error)
                {
                    email.RecordFailure(error, work.Now, command.Policy);
                }
                else
                {
                    email.RecordDelivered(work.Now, command.LoggedOnly);
                }
            }

            return email.Status;
        }, cancellationToken);
    }
}
