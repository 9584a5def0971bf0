using KdFamily.Application.Audit;
using KdFamily.Application.Pipeline;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Auth;
using KdFamily.Domain.Email;
using KdFamily.Domain.Email.Templates;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Users;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace KdFamily.Application.Auth;

/// <summary>One batch of the forgot-password queue.</summary>
/// <param name="BatchSize">At most this many queued requests.</param>
/// <param name="TokenLifetime">How long a mailed reset link works.</param>
/// <param name="ResetUrl">The web client's page that takes <c>?token=…</c>.</param>
public sealed record ProcessPasswordResetRequests(int BatchSize, TimeSpan TokenLifetime, string ResetUrl);

/// <summary>
/// Takes the oldest queued forgot-password requests: for each whose address has an account, a reset token, the e-mail
/// with its link, and the audit entry of the request; then the requests are deleted, so addresses without an account
/// are not kept. Rows are claimed with <c>FOR UPDATE SKIP LOCKED</c>, so several instances share the queue without
/// sending a link twice. Answers how many requests it took.
/// </summary>
public sealed class ProcessPasswordResetRequestsHandler(UseCasePipeline pipeline) : IUseCase<ProcessPasswordResetRequests, int>
{
    public Task<Result<int>> HandleAsync(ProcessPasswordResetRequests command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return pipeline.RunAsync<int>(async (work, token) =>
        {
            var requests = await work.Db.PasswordResetRequests
                .FromSql($"SELECT * FROM password_reset_requests ORDER BY requested_at LIMIT {command.BatchSize} FOR UPDATE SKIP LOCKED")
                .ToListAsync(token);
            var emails = requests.Select(r => r.Email).Distinct().ToList();
            var users = await work.Db.Users.Include(u => u.Family).Where(u => u.Email != null && emails.Contains(u.Email) && u.RemovedAt == null).ToDictionaryAsync(u => u.Email!, token);
            foreach (var request in requests)
            {
                if (users.TryGetValue(request.Email, out var user))
                {
                    QueueResetMail(work, command, user, request);
                }
            }

            work.Db.PasswordResetRequests.RemoveRange(requests);
            return requests.Count;
        }, cancellationToken);
    }

    private static void QueueResetMail(UnitOfWork work, ProcessPasswordResetRequests command, User user, PasswordResetRequest request)
    {
        var (token, hash) = SecureTokens.New();
        var reset = new PasswordResetToken
        {
            UserId = user.Id,
            TokenHash = hash,
            CreatedAt = work.Now,
            ExpiresAt = work.Now + Duration.FromTimeSpan(command.TokenLifetime),
        };
        work.Db.PasswordResetTokens.Add(reset);
        var link = $"{command.ResetUrl}?token={Uri.EscapeDataString(token)}";
        var message = PasswordResetEmail.Render(user.FullName, link, token, reset.ExpiresAt, MailTime.In(user.Family?.TimeZone));
        work.Db.OutboundEmails.Add(OutboundEmail.Compose(user.Email!, message, work.Now));

        // The request's own time, address and client: the job is only the messenger.
        var audit = AuditTrail.Entry(NoRequestOrigin.Instance, request.RequestedAt, AuditActions.PasswordResetRequested, user.FamilyId, user.Id, "User", user.Id, null);
        audit.IpAddress = request.IpAddress;
        audit.UserAgent = request.UserAgent;
        work.Db.AuditLog.Add(audit);
    }
}
