using KdFamily.Application.Pipeline;
using KdFamily.Domain.Audit;
using KdFamily.Domain.ChildAccounts;
using KdFamily.Domain.Data;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Users;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace KdFamily.Application.Auth;

/// <summary>
/// <see cref="LoginHandler"/>'s sign-in of a child account: only its PIN signs it in (nothing that is not 4–8 digits is
/// even checked), and every attempt passes <see cref="PinLockout"/> first, so wrong PINs lock the account for a while.
/// Every attempt is audited; the one that locks the account also writes <see cref="AuditActions.ChildAccountLocked"/>.
/// </summary>
public sealed class ChildPinLogin(
    UseCasePipeline pipeline, KdFamilyDbContext db, LoginSessions sessions, IPasswordHashing passwords, PinLockoutPolicy policy, IClock clock)
{
    private sealed record Outcome(SignedIn? SignedIn, Instant? LockedUntil);

    public async Task<Result<SignedIn>> SignInAsync(User child, string login, string pin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(child);
        var attempt = await PinLockout.BeginAsync(db, child.Id, policy, clock.GetCurrentInstant(), cancellationToken);
        var check = attempt.Admitted && ChildAccount.IsPin(pin) ? passwords.Check(child, pin) : PasswordCheck.Wrong;

        var outcome = await pipeline.RunAsync<Outcome>(async (work, token) =>
        {
            var user = await work.Db.Users.FirstOrDefaultAsync(u => u.Id == child.Id && u.RemovedAt == null, token);
            if (!attempt.Admitted)
            {
                work.Audit.RecordAccount(AuditActions.LoginFailed, user, new { login, lockedUntil = attempt.LockedUntil });
                return new Outcome(null, attempt.LockedUntil);
            }

            // A PIN reset (or a removal) since the check: the checked PIN proves nothing now.
            if (user is null || check == PasswordCheck.Wrong || user.PasswordHash != child.PasswordHash)
            {
                work.Audit.RecordAccount(AuditActions.LoginFailed, user, new { login, pinChecked = true });
                if (attempt.LockedUntil is { } until)
                {
                    work.Audit.RecordAccount(AuditActions.ChildAccountLocked, user, new { failedAttempts = policy.Threshold, lockedUntil = until });
                }

                return new Outcome(null, attempt.LockedUntil);
            }

            if (!await PinLockout.SucceedAsync(work.Db, user.Id, attempt, token))
            {
                var lockedUntil = await work.Db.Users.Where(u => u.Id == user.Id).Select(u => u.PinLockedUntil).FirstAsync(token);
                work.Audit.RecordAccount(AuditActions.LoginFailed, user, new { login, lockedUntil });
                return new Outcome(null, lockedUntil ?? work.Now);
            }

            if (check == PasswordCheck.RightButOutdated)
            {
                user.PasswordHash = passwords.Hash(pin);
            }

            var signedIn = sessions.Start(work, user);
            work.Audit.RecordAccount(AuditActions.LoginSucceeded, user);
            return new Outcome(signedIn, null);
        }, cancellationToken);

        return outcome.Value switch
        {
            { SignedIn: { } signedIn } => signedIn,
            { LockedUntil: { } until } => new AccountLockedError("Too many wrong PINs: this account is locked for a while, or until a parent unlocks it.", until),
            _ => new InvalidCredentialsError("The login or password is wrong."),
        };
    }
}
