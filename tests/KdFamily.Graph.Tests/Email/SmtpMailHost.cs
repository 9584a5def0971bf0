namespace KdFamily.Graph.Tests.Email;

/// <summary>A test class's host and the SMTP server it sends to, started together and stopped together.</summary>
public sealed class SmtpMailHost : MailApiFactory
{
    public SmtpMailHost()
        : this(new SmtpTestServer())
    {
    }

    private SmtpMailHost(SmtpTestServer smtp)
        : base(smtp.Port)
    {
        Smtp = smtp;
    }

    public SmtpTestServer Smtp { get; }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Smtp.Dispose();
        }
    }
}
