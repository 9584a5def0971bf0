namespace KdFamily.Domain.Email;

/// <summary>A rendered e-mail: its subject and the same content as plain text and as HTML.</summary>
public sealed record EmailMessage(string Subject, string TextBody, string HtmlBody);
