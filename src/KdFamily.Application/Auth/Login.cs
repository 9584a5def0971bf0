using KdFamily.Application.Pipeline;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Data;
using KdFamily.Domain.Errors;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Application.Auth;

/// <summary>A sign-in with username or e-mail address (<see cref="Name"/>) and password.</summary>
public sealed record Login(string Name, string Password);

/// <summary>
/// Checks the password and starts a session; every attempt is audited, refused ones too. Unknown and known logins take
/// the same time. (The lockout after repeated failures is the host's, in front of this use case.) A child account signs
/// in with its PIN only, through <see cref="ChildPinLogin"/> and its lockout; a PIN never opens another account.
/// </summary>
public sealed class LoginHandler(UseCasePipeline pipeline, KdFamilyDbContext db, LoginSessions sessions, IPasswordHashing passwords, ChildPinLogin childLogin)
    : IUseCase<Login, SignedIn>
{
    public async Task<Result<SignedIn>> HandleAsync(Login command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var login = command.Name.Trim().ToLowerInvariant();

        // The password is checked before the unit of work: hashing is slow on purpose, and a burst of sign-ins must not
        // hold a pooled connection and an open transaction each while it runs.
        var candidate = await db.Users.AsNoTracking()
            .FirstOrDefaultAsync(u => (u.Username == login || u.Email == login) && u.RemovedAt == null, cancellationToken);
        if (candidate is { IsChildAccount: true })
        {
            return await childLogin.SignInAsync(candidate, login, command.Password, cancellationToken);
        }

        var check = passwords.Check(candidate, command.Password);

        // A refused login still commits its audit entry, so the work answers it as "no session" rather than an error.
        var attempt = await pipeline.RunAsync<SignedIn?>(async (work, token) =>
        {
            var user = candidate is null ? null : await work.Db.Users.FirstOrDefaultAsync(u => u.Id == candidate.Id && u.RemovedAt == null, token);

            // A password changed (or an account removed) since the check: the checked password proves nothing now.
            if (user is null || check == PasswordCheck.Wrong || user.PasswordHash != candidate!.PasswordHash)
            {
                work.Audit.RecordAccount(AuditActions.LoginFailed, user, new { login });
                return (SignedIn?)null;
            }

            if (check == PasswordCheck.RightButOutdated)
            {
                user.PasswordHash = passwords.Hash(command.Password);
            }

            var signedIn = sessions.Start(work, user);
            work.Audit.RecordAccount(AuditActions.LoginSucceeded, user);
            return signedIn;
        }, cancellationToken);
        return attempt.Value is { } session ? session : new InvalidCredentialsError("The login or password is wrong.");
    }
}
