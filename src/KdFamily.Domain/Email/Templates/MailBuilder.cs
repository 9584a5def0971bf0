using System.Net;
using System.Text;

namespace KdFamily.Domain.Email.Templates;

/// <summary>
/// Writes one mail's content twice, as plain text and as HTML, from the same blocks. Every value is HTML-escaped
/// here, so a template cannot forget to (a user's name is theirs to choose).
/// </summary>
internal sealed class MailBuilder(string subject)
{
    private readonly StringBuilder _text = new();
    private readonly StringBuilder _html = new();

    public MailBuilder Paragraph(string? text)
    {
        if (text is not null)
        {
            _text.Append(text).Append("\n\n");
            _html.Append("<p>").Append(WebUtility.HtmlEncode(text)).Append("</p>\n");
        }

        return this;
    }

    /// <summary>A link the reader opens; the text part puts the address on a line of its own.</summary>
    public MailBuilder Link(string label, string url)
    {
        _text.Append(label).Append(":\n").Append(url).Append("\n\n");
        var href = WebUtility.HtmlEncode(url);
        _html.Append("<p><a href=\"").Append(href).Append("\">").Append(WebUtility.HtmlEncode(label)).Append("</a></p>\n")
            .Append("<p style=\"font-size:small;color:#555\">").Append(href).Append("</p>\n");
        return this;
    }

    public EmailMessage Build()
    {
        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").Append(WebUtility.HtmlEncode(subject)).Append("</title></head>\n")
            .Append("<body style=\"font-family:sans-serif;line-height:1.5\">\n").Append(_html).Append("</body></html>\n");
        return new EmailMessage(subject, _text.ToString().TrimEnd() + "\n", html.ToString());
    }
}
