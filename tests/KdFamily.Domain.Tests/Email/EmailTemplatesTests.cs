using KdFamily.Domain.Email;
using KdFamily.Domain.Email.Templates;
using NodaTime;

namespace KdFamily.Domain.Tests.Email;

/// <summary>Every mail the service sends, as plain text and HTML (src/KdFamily.Domain/Email/Templates).</summary>
public sealed class EmailTemplatesTests
{
    private const string HostileName = "Ann <script>alert(\"x\")</script> & 'Co'";
    private const string Link = "https://app.example.test/reset-password?token=abc-123_XYZ&lang=en";

    // 13:30 UTC is 14:30 in Berlin (CET) on that day.
    private static readonly Instant At = Instant.FromUtc(2026, 11, 30, 13, 30);

    public static TheoryData<string> Mails => ["reset", "confirm", "changed"];

    [Theory]
    [MemberData(nameof(Mails))]
    public void Render_ValuesInHtml_AreEscaped(string mail)
    {
        var message = Render(mail, MailTime.In("Europe/Berlin"));

        Assert.DoesNotContain("<script>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Ann &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Co&#39;", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(HostileName, message.TextBody, StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>", message.HtmlBody, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Mails))]
    public void Render_TimesInTheFamilysZone_NameTheZone(string mail)
    {
        var message = Render(mail, MailTime.In("Europe/Berlin"));

        Assert.Contains("Monday 30 November 2026, 14:30 (Europe/Berlin)", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Monday 30 November 2026, 14:30 (Europe/Berlin)", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("UTC", message.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Mails))]
    public void Render_WithoutAFamilyZone_ShowsUtcAndSaysSo(string mail)
    {
        var message = Render(mail, MailTime.In(null));

        Assert.Contains("Monday 30 November 2026, 13:30 UTC", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Times in this e-mail are in UTC: your account has no family time zone.", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Times in this e-mail are in UTC: your account has no family time zone.", message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void MailTime_UnknownZone_FallsBackToUtc()
    {
        Assert.Equal("Monday 30 November 2026, 13:30 UTC", MailTime.In("Mars/Olympus_Mons").Format(At));
    }

    [Theory]
    [InlineData("reset")]
    [InlineData("confirm")]
    public void Render_LinkMails_CarryTheLinkInBothPartsAndTheTokenInText(string mail)
    {
        var message = Render(mail, MailTime.In("Europe/Berlin"));

        Assert.Contains("\n" + Link + "\n", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://app.example.test/reset-password?token=abc-123_XYZ&amp;lang=en\"", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("token-value", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ChangedNotice_NamesTheNewAddress()
    {
        var message = EmailChangedEmail.Render("Ann", "new<b>@example.test", At, MailTime.In("Europe/Berlin"));

        Assert.Contains("new<b>@example.test", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("new&lt;b&gt;@example.test", message.HtmlBody, StringComparison.Ordinal);
    }

    private static EmailMessage Render(string mail, MailTime time) => mail switch
    {
        "reset" => PasswordResetEmail.Render(HostileName, Link, "token-value", At, time),
        "confirm" => EmailChangeConfirmationEmail.Render(HostileName, Link, "token-value", At, time),
        _ => EmailChangedEmail.Render(HostileName, "new@example.test", At, time),
    };
}
