using KdFamily.Application.Audit;
using KdFamily.Application.Pipeline;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Auth;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Users;

namespace KdFamily.Application.Auth;

public sealed record ForgotPassword(string Email);

/// <summary>
/// Queues the request, one row whatever the address: whether it has an account is looked up later by
/// <see cref="ProcessPasswordResetRequestsHandler"/>, so the answer's timing cannot tell (issue 7, item 6).
/// </summary>
public sealed class ForgotPasswordHandler(UseCasePipeline pipeline, IRequestOrigin origin) : IUseCase<ForgotPassword, PasswordResetRequest>
{
    public Task<Result<PasswordResetRequest>> HandleAsync(ForgotPassword command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return pipeline.RunAsync<PasswordResetRequest>((work, _) =>
        {
            // Kept as the audit log keeps a request's origin: the entry is written once the account is found.
            var entry = AuditTrail.Entry(origin, work.Now, AuditActions.PasswordResetRequested, null, null, null, null, null);
            var request = new PasswordResetRequest
            {
                Email = Profile.NormalizeEmail(command.Email)!,
                RequestedAt = entry.At,
                IpAddress = entry.IpAddress,
                UserAgent = entry.UserAgent,
            };
            work.Db.PasswordResetRequests.Add(request);
            return Task.FromResult<Result<PasswordResetRequest>>(request);
        }, cancellationToken);
    }
}
