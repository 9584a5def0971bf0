using System.Net;
using System.Text.RegularExpressions;
using KdFamily.Domain.Data;
using KdFamily.Domain.Email;
using KdFamily.Graph.Tests.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KdFamily.Graph.Tests.Email;

/// <summary>Without <c>Smtp:Host</c> (a local run): the reset mail is written to the log, once, and its link works.</summary>
public sealed partial class LoggedMailTests
{
    [Fact]
    public async Task ForgotPassword_WithoutSmtpHost_LogsTheResetLinkOnceAndTheLinkWorks()
    {
        await using var host = new MailApiFactory(smtpPort: null);
        using var client = new HttpClient { BaseAddress = host.StartKestrel() };
        var name = AuthApiClient.NewName("local");
        await client.RegisterAsync(name);
        var email = $"{name}@example.test";

        await client.PostAuthAsync("forgot-password", new { email });
        var line = await host.Logs.WaitForLineAsync(l => l.Contains($"to {email}", StringComparison.Ordinal), $"the mail to {email}");
        var match = ResetLink().Match(line);
        Assert.True(match.Success, line);
        var (status, _, _) = await client.PostAuthAsync("reset-password", new { token = Uri.UnescapeDataString(match.Groups["token"].Value), newPassword = "a brand new passphrase" });

        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.StartsWith("Information KdFamily.Graph.Email.LogEmailTransport:", line, StringComparison.Ordinal);
        Assert.Contains(host.Logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("Smtp:Host is not set", StringComparison.Ordinal));
        await using var scope = host.Services.CreateAsyncScope();
        var id = await scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>().OutboundEmails.Where(e => e.To == email).Select(e => e.Id).SingleAsync();
        var row = Assert.Single(await host.WaitForRowsAsync([id], rows => rows[0].Status != OutboundEmailStatus.Pending, "the mail is recorded"));
        Assert.Equal(OutboundEmailStatus.Logged, row.Status);

        // Handled: ten polls later it has still been logged once.
        await Task.Delay(500);
        Assert.Single(host.Logs.Lines, l => l.Contains($"to {email}", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"/reset-password\?token=(?<token>[^\s]+)")]
    private static partial Regex ResetLink();
}
