using System.Net;
using System.Text.RegularExpressions;
using KdFamily.Application.Auth;
using KdFamily.Domain.Data;
using KdFamily.Domain.Email;
using KdFamily.Domain.Email.Templates;
using KdFamily.Graph.Auth;
using KdFamily.Graph.Tests.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using NodaTime;

namespace KdFamily.Graph.Tests.Email;

/// <summary>
/// Forgot-password end to end on a real Kestrel host: the reset mail reaches a real SMTP server (netDumbster) as
/// plain text and HTML, and the link read from the received mail works once, and not after it expired.
/// </summary>
public sealed partial class PasswordResetMailTests(SmtpMailHost host) : IClassFixture<SmtpMailHost>
{
    private const string NewPassword = "a brand new passphrase";

    [Fact]
    public async Task ForgotPassword_WithSmtp_MailsTextAndHtmlWithALinkThatWorksOnce()
    {
        using var client = new HttpClient { BaseAddress = host.KestrelAddress };
        var name = AuthApiClient.NewName("mailed");
        await client.RegisterAsync(name, timeZone: "Europe/Berlin");
        var email = $"{name}@example.test";

        var (status, _, _) = await client.PostAuthAsync("forgot-password", new { email });
        var mail = await host.Smtp.WaitForMailToAsync(email);

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("Reset your KD Family password", mail.Subject);
        Assert.Equal("family@kdfamily.test", Assert.Single(mail.From.Mailboxes).Address);
        var alternative = Assert.IsType<MultipartAlternative>(mail.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(part => part.ContentType.MimeType));
        var token = TokenFrom(mail.TextBody);
        Assert.Equal(token, TokenFrom(WebUtility.HtmlDecode(mail.HtmlBody)));
        var expiresAt = await ExpiryOfAsync(token);
        var berlin = MailTime.In("Europe/Berlin").Format(expiresAt);
        Assert.EndsWith("(Europe/Berlin)", berlin, StringComparison.Ordinal);
        Assert.Contains(berlin, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(berlin, mail.HtmlBody, StringComparison.Ordinal);

        var (resetStatus, _, _) = await client.PostAuthAsync("reset-password", new { token, newPassword = NewPassword });

        Assert.Equal(HttpStatusCode.NoContent, resetStatus);
        await client.LoginAsync(name, NewPassword);
        (await client.PostAuthAsync("reset-password", new { token, newPassword = "yet another password" }))
            .AssertProblem(HttpStatusCode.BadRequest, AuthProblems.ResetTokenInvalid);
        await using var scope = host.Services.CreateAsyncScope();
        var id = await scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>().OutboundEmails.Where(e => e.To == email).Select(e => e.Id).SingleAsync();
        var row = Assert.Single(await host.WaitForRowsAsync([id], rows => rows[0].Status != OutboundEmailStatus.Pending, "the mail is recorded"));
        Assert.Equal((OutboundEmailStatus.Sent, 1), (row.Status, row.Attempts));
        Assert.Equal($"{row.Id:N}@kdfamily.test", mail.MessageId);
    }

    [Fact]
    public async Task ResetPassword_WithTheMailedTokenAfterItExpired_IsRefused()
    {
        using var client = new HttpClient { BaseAddress = host.KestrelAddress };
        var name = AuthApiClient.NewName("late");
        await client.RegisterAsync(name);
        var email = $"{name}@example.test";
        await client.PostAuthAsync("forgot-password", new { email });
        var token = TokenFrom((await host.Smtp.WaitForMailToAsync(email)).TextBody);

        // Auth:PasswordResetTokenLifetime is an hour.
        host.Clock.Advance(Duration.FromMinutes(61));
        try
        {
            (await client.PostAuthAsync("reset-password", new { token, newPassword = NewPassword }))
                .AssertProblem(HttpStatusCode.BadRequest, AuthProblems.ResetTokenInvalid);
        }
        finally
        {
            host.Clock.Reset();
        }

        await client.LoginAsync(name);
    }

    private static string TokenFrom(string? body)
    {
        Assert.NotNull(body);
        var match = ResetLink().Match(body);
        Assert.True(match.Success, body);
        return Uri.UnescapeDataString(match.Groups["token"].Value);
    }

    private async Task<Instant> ExpiryOfAsync(string token)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var hash = SecureTokens.Hash(token);
        return await scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>().PasswordResetTokens
            .Where(t => t.TokenHash == hash).Select(t => t.ExpiresAt).SingleAsync();
    }

    [GeneratedRegex(@"/reset-password\?token=(?<token>[^\s""<]+)")]
    private static partial Regex ResetLink();
}
