using KdFamily.Domain.Errors;
using KdFamily.Domain.Users;
using NodaTime;

namespace KdFamily.Domain.Privacy;

/// <summary>
/// What deleting one's account does to the user row (GDPR erasure). The row itself stays: the family's ledger, task
/// history and weekly standings point at it, and keeping it keeps everyone else's balances and history as they were.
/// Everything that identifies the person is replaced by values that identify nobody.
/// </summary>
public static class AccountErasure
{
    /// <summary>The display name an erased account keeps in the family's history.</summary>
    public const string DeletedMemberName = "Deleted member";

    /// <summary>
    /// The reserved top-level domain of RFC 2606: an erased account's address is unique (the column is) and can never
    /// route mail to anyone.
    /// </summary>
    public const string ErasedEmailDomain = "deleted.invalid";

    /// <summary>
    /// May <paramref name="caller"/> delete their account? Not while they are the family's last advisor and others
    /// remain: someone must keep managing the family, so they promote a member first or delete the family.
    /// </summary>
    /// <param name="caller">The member deleting their account, as loaded in the unit of work.</param>
    /// <param name="advisorCount">The family's current advisors, counted under the family lock.</param>
    /// <param name="memberCount">The family's current members, the caller included, counted under the family lock.</param>
    public static DomainError? Refusal(User caller, int advisorCount, int memberCount)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.Role == UserRole.Advisor && advisorCount <= 1 && memberCount > 1
            ? new LastAdvisorError("You are the family's last advisor: make another member an advisor first, or delete the whole family (deleteFamily).")
            : null;
    }

    /// <summary>Pseudonymises the user and takes them out of the family; a second call changes nothing.</summary>
    public static User Erase(User user, Instant now)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.ErasedAt is not null)
        {
            return user;
        }

        user.FullName = DeletedMemberName;
        user.Username = ErasedUsername(user.Id);
        user.Email = ErasedEmail(user.Id);
        user.PasswordHash = "";
        user.AvatarUrl = null;
        user.RemovedAt ??= now;
        user.ErasedAt = now;
        user.UpdatedAt = now;
        return user;
    }

    /// <summary>Unique per account and never a name anyone signs in with (sign-in also skips removed accounts).</summary>
    public static string ErasedUsername(Guid userId) => $"deleted-{userId:N}";

    public static string ErasedEmail(Guid userId) => $"deleted-{userId:N}@{ErasedEmailDomain}";
}
