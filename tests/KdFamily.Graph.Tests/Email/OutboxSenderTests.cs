using KdFamily.Domain.Email;
using NodaTime;

namespace KdFamily.Graph.Tests.Email;

/// <summary>The outbox sender against a real SMTP server (netDumbster): two instances, a server that is down, one that never comes up.</summary>
public sealed class OutboxSenderTests
{
    [Fact]
    public async Task TwoHosts_OneDatabaseAndSmtpServer_SendEachMailExactlyOnce()
    {
        using var smtp = new SmtpTestServer();
        await using var first = new MailApiFactory(smtp.Port, batchSize: 2);
        await using var second = new MailApiFactory(smtp.Port, batchSize: 2);
        second.UseDatabaseOf(first);
        first.StartKestrel();
        second.StartKestrel();

        var mails = await first.QueueAsync(60, "pair");
        var rows = await first.WaitForRowsAsync(
            mails.Select(m => m.Id), rows => rows.All(r => r.Status == OutboundEmailStatus.Sent), "every mail is sent");

        // Each claim counts an attempt: a mail claimed by both hosts would show 2.
        Assert.All(rows, row => Assert.Equal(1, row.Attempts));
        var received = smtp.Received;
        Assert.Equal(60, received.Count);
        Assert.Equal(
            mails.Select(m => $"{m.Id:N}@kdfamily.test").Order(),
            received.Select(m => m.MessageId).Order());
        Assert.Equal(mails.Select(m => m.To).Order(), received.Select(m => Assert.Single(m.To.Mailboxes).Address).Order());

        // Both instances took part (batches of 2, each polling every 50 ms).
        static bool Sent(string line) => line.Contains("OutboxSender: Mail", StringComparison.Ordinal) && line.Contains(" sent ", StringComparison.Ordinal);
        await first.Logs.WaitForLineAsync(Sent, "the first host sent a mail");
        await second.Logs.WaitForLineAsync(Sent, "the second host sent a mail");
    }

    [Fact]
    public async Task SmtpServerDownAtFirst_MailIsRetriedAndDeliveredOnceItIsUp()
    {
        var port = SmtpTestServer.FreePort();
        await using var host = new MailApiFactory(port, maxAttempts: 50);
        host.StartKestrel();
        var mail = Assert.Single(await host.QueueAsync(1, "later"));

        var failing = Assert.Single(await host.WaitForRowsAsync(
            [mail.Id], rows => rows[0] is { Attempts: >= 2, Status: OutboundEmailStatus.Pending, LastError: not null }, "two attempts fail"));
        using var smtp = new SmtpTestServer(port);
        var delivered = Assert.Single(await host.WaitForRowsAsync([mail.Id], rows => rows[0].Status != OutboundEmailStatus.Pending, "the mail is delivered"));

        Assert.NotEmpty(failing.LastError!);
        Assert.Equal(OutboundEmailStatus.Sent, delivered.Status);
        Assert.True(delivered.Attempts > failing.Attempts, $"attempts {failing.Attempts} then {delivered.Attempts}");
        Assert.Equal($"{mail.Id:N}@kdfamily.test", Assert.Single(smtp.Received).MessageId);
        await host.Logs.WaitForLineAsync(
            line => line.StartsWith("Warning", StringComparison.Ordinal) && line.Contains($"Mail {mail.Id}: attempt 1 of 50 failed", StringComparison.Ordinal),
            "the first failed attempt");
    }

    [Fact]
    public async Task SmtpServerNeverUp_MailFailsForGoodAfterMaxAttemptsWithItsLastError()
    {
        var port = SmtpTestServer.FreePort();
        await using var host = new MailApiFactory(port, maxAttempts: 3);
        host.StartKestrel();
        var mail = Assert.Single(await host.QueueAsync(1, "never"));

        var failed = Assert.Single(await host.WaitForRowsAsync([mail.Id], rows => rows[0].Status != OutboundEmailStatus.Pending, "the mail is given up"));

        Assert.Equal(OutboundEmailStatus.Failed, failed.Status);
        Assert.Equal(3, failed.Attempts);
        Assert.False(string.IsNullOrWhiteSpace(failed.LastError));
        Assert.NotNull(failed.FailedAt);
        Assert.Null(failed.SentAt);
        await host.Logs.WaitForLineAsync(
            line => line.StartsWith("Error", StringComparison.Ordinal) && line.Contains($"Mail {mail.Id} failed for good after 3 attempts", StringComparison.Ordinal),
            "giving up");

        // Given up means never claimed again: ten more polls later it is unchanged.
        await Task.Delay(500);
        var later = Assert.Single(await host.ReadAsync([mail.Id]));
        Assert.Equal((OutboundEmailStatus.Failed, 3), (later.Status, later.Attempts));
    }

    [Fact]
    public async Task MailClaimedByAnInstanceThatDied_IsSentByAnotherOnceTheLeaseEnds()
    {
        using var smtp = new SmtpTestServer();
        await using var host = new MailApiFactory(smtp.Port);
        host.StartKestrel();
        var mail = Assert.Single(await host.QueueAsync(1, "orphan", e =>
        {
            e.Attempts = 1;
            e.NextAttemptAt = host.Clock.GetCurrentInstant() + Duration.FromHours(1);
        }));

        // Still held by the dead instance's lease: ten polls later nothing was sent.
        await Task.Delay(500);
        Assert.Empty(smtp.Received);
        host.Clock.Advance(Duration.FromMinutes(61));
        var sent = Assert.Single(await host.WaitForRowsAsync([mail.Id], rows => rows[0].Status != OutboundEmailStatus.Pending, "the mail is sent"));

        Assert.Equal((OutboundEmailStatus.Sent, 2), (sent.Status, sent.Attempts));
        Assert.Equal($"{mail.Id:N}@kdfamily.test", Assert.Single(smtp.Received).MessageId);
    }

    [Fact]
    public async Task MailWhoseLastAttemptNeverFinished_IsFailedOnceItsLeaseEnds()
    {
        using var smtp = new SmtpTestServer();
        await using var host = new MailApiFactory(smtp.Port, maxAttempts: 3);
        host.StartKestrel();
        var mail = Assert.Single(await host.QueueAsync(1, "unfinished", e =>
        {
            e.Attempts = 3;
            e.NextAttemptAt = host.Clock.GetCurrentInstant() - Duration.FromSeconds(1);
        }));

        var failed = Assert.Single(await host.WaitForRowsAsync([mail.Id], rows => rows[0].Status != OutboundEmailStatus.Pending, "the mail is given up"));

        Assert.Equal((OutboundEmailStatus.Failed, 3), (failed.Status, failed.Attempts));
        Assert.Equal("The last attempt did not finish (its sender stopped).", failed.LastError);
        Assert.Empty(smtp.Received);
    }
}
