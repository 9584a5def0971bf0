using KdFamily.Application.Auth;
using KdFamily.Application.Pipeline;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Email;
using KdFamily.Domain.Email.Templates;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Application.Users;

/// <summary>The token from an address-change link (see <see cref="UpdateProfileHandler"/>).</summary>
public sealed record ConfirmEmailChange(string Token);

/// <summary>
/// Whoever opened the mailed link proves they read the new address: the token is spent (once, before it expires) and
/// its account gets the address, unless another account uses it by now; the old address is told of the change.
/// </summary>
public sealed class ConfirmEmailChangeHandler(UseCasePipeline pipeline) : IUseCase<ConfirmEmailChange, User>
{

    private static readonly EmailTokenInvalidError TokenInvalid = new("The confirmation token is invalid, expired or already used.");
    private static readonly EmailTakenError EmailTaken = new("Another account already uses this e-mail address.");

    public Task<Result<User>> HandleAsync(ConfirmEmailChange command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var hash = SecureTokens.Hash(command.Token);
        return pipeline.RunAsync<User>(async (work, token) =>
        {
            var now = work.Now;
            var request = await work.Db.EmailChangeRequests.AsNoTracking().Include(r => r.User)
                .FirstOrDefaultAsync(r => r.TokenHash == hash, token);
            // updateProfile never asks for an address for a child account; none may be confirmed for one either.
            var spent = request is { UsedAt: null, User.RemovedAt: null, User.IsChildAccount: false } && request.ExpiresAt > now
                ? await work.Db.EmailChangeRequests
                    .Where(r => r.Id == request.Id && r.UsedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.UsedAt, now), token)
                : 0;
            if (spent == 0)
            {
                return TokenInvalid;
            }

            if (await work.Db.Users.AnyAsync(u => u.Email == request!.NewEmail && u.Id != request.UserId, token))
            {
                return EmailTaken;
            }

            work.OnUniqueViolation(Profile.EmailIndex, EmailTaken);
            var user = await work.Db.Users.FirstAsync(u => u.Id == request!.UserId, token);
            var oldEmail = user.Email!;
            user.Email = request!.NewEmail;
            user.UpdatedAt = now;
            var zone = await work.Db.Families.Where(f => f.Id == user.FamilyId).Select(f => f.TimeZone).FirstOrDefaultAsync(token);
            var notice = EmailChangedEmail.Render(user.FullName, user.Email, now, MailTime.In(zone));
            work.Db.OutboundEmails.Add(OutboundEmail.Compose(oldEmail, notice, now));
            work.Audit.Record(AuditActions.EmailChanged, user.FamilyId, user.Id, "User", user.Id);
            return user;
        }, cancellationToken);
    }
}
