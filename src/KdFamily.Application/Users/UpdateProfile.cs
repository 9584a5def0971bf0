using KdFamily.Application.Auth;
using KdFamily.Application.Pipeline;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Email;
using KdFamily.Domain.Email.Templates;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Application.Users;

/// <summary>New profile values for the caller; null leaves a field as it is.</summary>
public sealed record UpdateProfile(Guid CallerId, string? FullName, string? Email, string? AvatarUrl) : IMemberCommand;

/// <summary>
/// A member changes their own name or avatar at once, and asks for a new e-mail address: a confirmation link is mailed
/// to it (earlier links stop working), and <see cref="ConfirmEmailChangeHandler"/> applies it when the link is opened.
/// Whether another account uses the address is not looked at here: the answer, and the work, are the same for every
/// address, so only whoever reads the mailbox learns it, when confirming.
/// </summary>
public sealed class UpdateProfileHandler(UseCasePipeline pipeline, IEmailConfirmationLinks links) : IUseCase<UpdateProfile, ProfileChange>
{

    public Task<Result<ProfileChange>> HandleAsync(UpdateProfile command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return pipeline.RunAsync<ProfileChange>(command, async (work, token) =>
        {
            var user = work.Caller;
            var result = Profile.Update(user, command.FullName, command.Email, command.AvatarUrl, work.Now);
            if (result.Value is not { } change)
            {
                return result;
            }

            if (change.RequestedEmail is { } requestedEmail)
            {
                var since = work.Now - Profile.EmailChangeWindow;
                var requested = await work.Db.EmailChangeRequests.CountAsync(r => r.UserId == user.Id && r.CreatedAt > since, token);
                if (Profile.CheckEmailChangeAllowance(requested) is { } refused)
                {
                    return refused;
                }

                await RequestConfirmationAsync(work, user, requestedEmail, token);
            }

            work.Audit.Record(
                AuditActions.ProfileUpdated, user.FamilyId, user.Id, "User", user.Id,
                new { fullName = command.FullName is not null, emailChangeRequested = change.RequestedEmail is not null, avatarUrl = command.AvatarUrl is not null });
            return change;
        }, cancellationToken);
    }

    private async Task RequestConfirmationAsync(MemberWork work, User user, string newEmail, CancellationToken cancellationToken)
    {
        var now = work.Now;
        var pending = await work.Db.EmailChangeRequests.Where(r => r.UserId == user.Id && r.UsedAt == null).ToListAsync(cancellationToken);
        pending.ForEach(r => r.UsedAt = now);

        var (token, hash) = SecureTokens.New();
        work.Db.EmailChangeRequests.Add(new EmailChangeRequest
        {
            UserId = user.Id,
            NewEmail = newEmail,
            TokenHash = hash,
            CreatedAt = now,
            ExpiresAt = now + links.Lifetime,
        });
        var zone = await work.Db.Families.Where(f => f.Id == user.FamilyId).Select(f => f.TimeZone).FirstOrDefaultAsync(cancellationToken);
        var message = EmailChangeConfirmationEmail.Render(user.FullName, links.LinkFor(token), token, now + links.Lifetime, MailTime.In(zone));
        work.Db.OutboundEmails.Add(OutboundEmail.Compose(newEmail, message, now));
    }
}
