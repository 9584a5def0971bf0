using KdFamily.Domain.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace KdFamily.Domain.ChildAccounts;

/// <summary>How many wrong PINs in a row lock a child account, and for how long.</summary>
public sealed record PinLockoutPolicy(int Threshold, Duration Duration);

/// <summary>
/// One PIN attempt as <see cref="PinLockout.BeginAsync"/> let it through or not. <see cref="LockedUntil"/> is the lock
/// this attempt set (it was the threshold-th in a row) when <see cref="Admitted"/>, or the lock that refused it.
/// </summary>
public sealed record PinAttempt(bool Admitted, Instant? LockedUntil);

/// <summary>
/// The lockout of child accounts, kept in the users row so it holds across instances and restarts. Every attempt is
/// counted as a failure before its PIN is checked, in one atomic UPDATE (concurrent attempts queue on the row), and the
/// attempt that reaches the threshold sets the lock at once: however many attempts race, at most
/// <see cref="PinLockoutPolicy.Threshold"/> PINs are checked before the account is locked. A right PIN then takes its
/// count back (<see cref="SucceedAsync"/>).
/// </summary>
public static class PinLockout
{
    /// <summary>
    /// Admits one PIN check unless the account is locked at <paramref name="now"/>; a lock that has run out is forgotten
    /// and the count starts again. Runs and commits on its own, before the check, so racing attempts see each other.
    /// </summary>
    public static async Task<PinAttempt> BeginAsync(
        KdFamilyDbContext db, Guid userId, PinLockoutPolicy policy, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(policy);
        var lockedUntil = now + policy.Duration;

        // A parent may unlock between a refused attempt and the read of its lock: then the attempt is tried again.
        for (var tries = 0; ; tries++)
        {
            var admitted = await db.Database.SqlQuery<Instant?>($"""
                UPDATE users SET
                    pin_failed_attempts = CASE WHEN pin_locked_until IS NULL THEN pin_failed_attempts ELSE 0 END + 1,
                    pin_locked_until = CASE WHEN CASE WHEN pin_locked_until IS NULL THEN pin_failed_attempts ELSE 0 END + 1 >= {policy.Threshold}
                        THEN {lockedUntil} END
                WHERE id = {userId} AND is_child_account AND (pin_locked_until IS NULL OR pin_locked_until <= {now})
                RETURNING pin_locked_until AS "Value"
                """).ToListAsync(cancellationToken);
            if (admitted.Count == 1)
            {
                return new PinAttempt(true, admitted[0]);
            }

            var current = await db.Users.Where(u => u.Id == userId).Select(u => u.PinLockedUntil).FirstOrDefaultAsync(cancellationToken);
            if (current > now || tries == 2)
            {
                return new PinAttempt(false, current ?? lockedUntil);
            }
        }
    }

    /// <summary>
    /// The attempt's PIN was right: its count is taken back and the failures before it forgotten, and a lock it set itself
    /// is lifted. Returns false when another attempt locked the account meanwhile: the lock wins over a right PIN.
    /// Run in the unit of work that starts the session, so both commit together.
    /// </summary>
    public static async Task<bool> SucceedAsync(KdFamilyDbContext db, Guid userId, PinAttempt attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(attempt);
        var ownLock = attempt.LockedUntil;
        return await db.Users
            .Where(u => u.Id == userId && u.PinLockedUntil == ownLock)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.PinFailedAttempts, 0).SetProperty(u => u.PinLockedUntil, (Instant?)null), cancellationToken) == 1;
    }
}
