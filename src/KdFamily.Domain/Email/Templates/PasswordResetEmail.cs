using NodaTime;

namespace KdFamily.Domain.Email.Templates;

/// <summary>The forgot-password mail: the reset link and when it stops working.</summary>
public static class PasswordResetEmail
{
    public static EmailMessage Render(string fullName, string link, string token, Instant expiresAt, MailTime time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return new MailBuilder("Reset your KD Family password")
            .Paragraph($"Hello {fullName},")
            .Link("Choose a new password", link)
            .Paragraph($"The link works once, until {time.Format(expiresAt)}. If you did not ask for it, ignore this e-mail: your password stays as it is.")
            .Paragraph(time.Note)
            .Paragraph($"Reset token: {token}")
            .Build();
    }
}
