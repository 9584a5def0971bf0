using KdFamily.Application.Auth;
using KdFamily.Application.Pipeline;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Email;
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
            work.Db.OutboundEmails.Add(new OutboundEmail
            {
                To = oldEmail,
                Subject = "Your KD Family e-mail address was changed",
                Body = $"Hello {user.FullName},\n\nyour KD Family account now uses {user.Email} instead of this address. "
                    + "If you did not do this, reset your password and tell your family's advisor.\n",
                CreatedAt = now,
            });
            work.Audit.Record(AuditActions.EmailChanged, user.FamilyId, user.Id, "User", user.Id);
            return user;
        }, cancellationToken);
    }
}
