using NodaTime;

namespace KdFamily.Domain.Email.Templates;

/// <summary>Sent to the old address once an account has moved to a new one.</summary>
public static class EmailChangedEmail
{
    public static EmailMessage Render(string fullName, string newEmail, Instant changedAt, MailTime time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return new MailBuilder("Your KD Family e-mail address was changed")
            .Paragraph($"Hello {fullName},")
            .Paragraph($"since {time.Format(changedAt)} your KD Family account uses {newEmail} instead of this address.")
            .Paragraph("If you did not do this, reset your password and tell your family's advisor.")
            .Paragraph(time.Note)
            .Build();
    }
}
