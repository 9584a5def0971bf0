using KdFamily.Application.Auth;
using KdFamily.Domain.Data;
using KdFamily.Domain.Email;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;

namespace KdFamily.Graph.Users;

public enum EmailConfirmationOutcome
{
    Confirmed,
    TokenInvalid,
    EmailTaken,
}

/// <summary>
/// Changes of address in two steps: <see cref="RequestAsync"/> mails a link to the new address (whoever owns it), and
/// <see cref="ConfirmAsync"/> applies the change when the link's token comes back. Uniqueness is checked only there,
/// so nobody learns whether an address has an account without reading its mail.
/// </summary>
public sealed class EmailChangeConfirmations(KdFamilyDbContext db, IOptions<AuthOptions> options, IClock clock)
{
    public const string EmailChangedAudit = "auth.email_changed";

    /// <summary>Adds the request and its mail to the context (saved with the caller's SaveChanges); earlier links stop working.</summary>
    public async Task RequestAsync(User user, string newEmail, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var pending = await db.EmailChangeRequests.Where(r => r.UserId == user.Id && r.UsedAt == null).ToListAsync(cancellationToken);
        pending.ForEach(r => r.UsedAt = now);

        var lifetime = options.Value.EmailConfirmationTokenLifetime;
        var (token, hash) = SecureTokens.New();
        db.EmailChangeRequests.Add(new EmailChangeRequest
        {
            UserId = user.Id,
            NewEmail = newEmail,
            TokenHash = hash,
            CreatedAt = now,
            ExpiresAt = now + Duration.FromTimeSpan(lifetime),
        });
        var link = $"{options.Value.EmailConfirmationUrl}?token={Uri.EscapeDataString(token)}";
        db.OutboundEmails.Add(new OutboundEmail
        {
            To = newEmail,
            Subject = "Confirm your new KD Family e-mail address",
            Body = $"Hello {user.FullName},\n\nto use this address for your KD Family account, open {link}\n\n"
                + $"The link works once and expires in {(int)lifetime.TotalHours} hours. "
                + "If you did not ask for it, ignore this e-mail: nothing changes.\n\nConfirmation token: " + token + "\n",
            CreatedAt = now,
        });
    }

    /// <summary>Spends the token (once, before it expires) and gives its account the new address; the old address is told.</summary>
    public async Task<EmailConfirmationOutcome> ConfirmAsync(string token, HttpContext http, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var hash = SecureTokens.Hash(token);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var request = await db.EmailChangeRequests.AsNoTracking().Include(r => r.User)
            .FirstOrDefaultAsync(r => r.TokenHash == hash, cancellationToken);
        var spent = request is { UsedAt: null, User.RemovedAt: null } && request.ExpiresAt > now
            ? await db.EmailChangeRequests
                .Where(r => r.Id == request.Id && r.UsedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.UsedAt, now), cancellationToken)
            : 0;
        if (spent == 0)
        {
            return EmailConfirmationOutcome.TokenInvalid;
        }

        if (await db.Users.AnyAsync(u => u.Email == request!.NewEmail && u.Id != request.UserId, cancellationToken))
        {
            return EmailConfirmationOutcome.EmailTaken;
        }

        var user = await db.Users.FirstAsync(u => u.Id == request!.UserId, cancellationToken);
        var oldEmail = user.Email;
        user.Email = request!.NewEmail;
        user.UpdatedAt = now;
        db.OutboundEmails.Add(new OutboundEmail
        {
            To = oldEmail,
            Subject = "Your KD Family e-mail address was changed",
            Body = $"Hello {user.FullName},\n\nyour KD Family account now uses {user.Email} instead of this address. "
                + "If you did not do this, reset your password and tell your family's advisor.\n",
            CreatedAt = now,
        });
        AuthAudit.Record(db, http, now, EmailChangedAudit, user);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Lost a race with an account taking the same address; e-mail is the only unique column changed here.
            return EmailConfirmationOutcome.EmailTaken;
        }

        await transaction.CommitAsync(cancellationToken);
        return EmailConfirmationOutcome.Confirmed;
    }
}
