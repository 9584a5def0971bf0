using NodaTime;

namespace KdFamily.Domain.Email.Templates;

/// <summary>Sent to a newly requested address: the link that makes the account use it.</summary>
public static class EmailChangeConfirmationEmail
{
    public static EmailMessage Render(string fullName, string link, string token, Instant expiresAt, MailTime time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return new MailBuilder("Confirm your new KD Family e-mail address")
            .Paragraph($"Hello {fullName},")
            .Link("Use this address for your KD Family account", link)
            .Paragraph($"The link works once, until {time.Format(expiresAt)}. If you did not ask for it, ignore this e-mail: nothing changes.")
            .Paragraph(time.Note)
            .Paragraph($"Confirmation token: {token}")
            .Build();
    }
}
