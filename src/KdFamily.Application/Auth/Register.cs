using KdFamily.Application.Pipeline;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Notifications;
using KdFamily.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Application.Auth;

/// <summary>A new account: with <see cref="InviteCode"/> it joins that family, else it founds <see cref="FamilyName"/>.</summary>
public sealed record Register(
    string Username, string Email, string Password, string FullName, string? InviteCode, string? FamilyName, string? TimeZone);

/// <summary>
/// Registers an account and signs it in: as the ADVISOR of a new family, or as a MEMBER of the family whose invite
/// code it gives (refused when the family is full). Joining tells the family's parents and advisors.
/// </summary>
public sealed class RegisterHandler(UseCasePipeline pipeline, LoginSessions sessions, IPasswordHashing passwords) : IUseCase<Register, SignedIn>
{
    private const string UsernameIndex = "ix_users_username";
    private const string EmailIndex = "ix_users_email";

    public Task<Result<SignedIn>> HandleAsync(Register command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var account = new NewAccount(command.Username, command.Email, command.FullName, passwords.Hash(command.Password));
        var username = Registration.NormalizeUsername(account.Username);
        var email = Profile.NormalizeEmail(account.Email)!;
        return pipeline.RunAsync<SignedIn>(async (work, token) =>
        {
            if (await work.Db.Users.AnyAsync(u => u.Username == username, token))
            {
                return UsernameTaken();
            }

            if (await work.Db.Users.AnyAsync(u => u.Email == email, token))
            {
                return EmailTaken();
            }

            // Lost a race with a concurrent registration of the same name.
            work.OnUniqueViolation(UsernameIndex, UsernameTaken());
            work.OnUniqueViolation(EmailIndex, EmailTaken());
            User user;
            if (!string.IsNullOrWhiteSpace(command.InviteCode))
            {
                var joined = await JoinAsync(work, Registration.NormalizeInviteCode(command.InviteCode), account, token);
                if (joined.Value is not { } member)
                {
                    return joined.Error!;
                }

                user = member;
            }
            else
            {
                var (family, advisor) = Registration.Found(command.FamilyName!, command.TimeZone, account, work.Now);
                work.Db.Families.Add(family);
                work.Db.Users.Add(advisor);
                user = advisor;
            }

            var signedIn = sessions.Start(work, user);
            work.Audit.RecordAccount(AuditActions.Registered, user, new { joinedExistingFamily = user.Role == UserRole.Member });
            return signedIn;
        }, cancellationToken);
    }

    private static async Task<Result<User>> JoinAsync(UnitOfWork work, string inviteCode, NewAccount account, CancellationToken cancellationToken)
    {
        // The family row stays locked until the commit, so concurrent joins cannot take it past its member limit.
        var family = (await work.Db.Families
            .FromSql($"SELECT * FROM families WHERE invite_code = {inviteCode} FOR NO KEY UPDATE")
            .ToListAsync(cancellationToken)).FirstOrDefault();
        if (family is null)
        {
            return new InviteCodeInvalidError("The invite code is not valid.");
        }

        var members = await work.Db.Users.CountAsync(u => u.FamilyId == family.Id && u.RemovedAt == null, cancellationToken);
        var joined = Registration.Join(family, members, account, work.Now);
        if (joined.Value is not { } member)
        {
            return joined;
        }

        work.Db.Users.Add(member);

        // MEMBER_JOINED for the family's parents and advisors, committed with the new member.
        var recipients = await work.Db.Users
            .Where(u => u.FamilyId == family.Id && u.RemovedAt == null && (u.Role == UserRole.Parent || u.Role == UserRole.Advisor))
            .ToListAsync(cancellationToken);
        var notifications = recipients.Where(NotificationCatalogue.HearsAboutNewMembers)
            .Select(r => NotificationCatalogue.MemberJoined(r, member, work.Now))
            .ToList();
        work.Db.Notifications.AddRange(notifications);
        work.Events.MemberJoined(member);
        notifications.ForEach(work.Events.NotificationSent);
        return member;
    }

    private static UsernameTakenError UsernameTaken() => new("The username is already taken.");

    private static EmailTakenError EmailTaken() => new("An account with this e-mail address already exists.");
}
