using KdFamily.Domain.Email;
using NodaTime;

namespace KdFamily.Domain.Tests.Email;

public sealed class OutboundEmailTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 30, 12, 0);
    private static readonly EmailRetryPolicy Policy = new(3, Duration.FromSeconds(10), Duration.FromMinutes(1));

    [Fact]
    public void Compose_NewMail_IsPendingAndDueAtOnce()
    {
        var email = OutboundEmail.Compose("a@example.test", new EmailMessage("S", "text", "<p>html</p>"), Now);

        Assert.Equal(OutboundEmailStatus.Pending, email.Status);
        Assert.Equal(Now, email.NextAttemptAt);
        Assert.Equal(("S", "text", "<p>html</p>"), (email.Subject, email.Body, email.HtmlBody));
    }

    [Fact]
    public void RecordFailure_BeforeTheLastAttempt_StaysPendingAndWaitsTheBackoff()
    {
        var email = Claimed(attempts: 2);

        email.RecordFailure("connection refused", Now, Policy);

        Assert.Equal(OutboundEmailStatus.Pending, email.Status);
        Assert.Equal(Now + Duration.FromSeconds(20), email.NextAttemptAt);
        Assert.Equal("connection refused", email.LastError);
        Assert.Null(email.FailedAt);
    }

    [Fact]
    public void RecordFailure_OfTheLastAttempt_FailsForGoodWithTheError()
    {
        var email = Claimed(attempts: 3);

        email.RecordFailure("SMTP 550: mailbox unavailable", Now, Policy);

        Assert.Equal(OutboundEmailStatus.Failed, email.Status);
        Assert.Equal(Now, email.FailedAt);
        Assert.Equal("SMTP 550: mailbox unavailable", email.LastError);
    }

    [Fact]
    public void RecordFailure_WithAnOverlongError_KeepsItsStart()
    {
        var email = Claimed(attempts: 1);

        email.RecordFailure(new string('x', 5000), Now, Policy);

        Assert.Equal(OutboundEmail.LastErrorMaxLength, email.LastError!.Length);
    }

    [Theory]
    [InlineData(false, OutboundEmailStatus.Sent)]
    [InlineData(true, OutboundEmailStatus.Logged)]
    public void RecordDelivered_SentOrOnlyLogged_IsDoneWithItsTime(bool loggedOnly, OutboundEmailStatus expected)
    {
        var email = Claimed(attempts: 1);

        email.RecordDelivered(Now, loggedOnly);

        Assert.Equal(expected, email.Status);
        Assert.Equal(Now, email.SentAt);
    }

    private static OutboundEmail Claimed(int attempts)
    {
        var email = OutboundEmail.Compose("a@example.test", new EmailMessage("S", "text", "html"), Now - Duration.FromHours(1));
        email.Attempts = attempts;
        return email;
    }
}
