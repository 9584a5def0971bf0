using KdFamily.Domain.Data;
using KdFamily.Domain.Email;
using KdFamily.Graph.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace KdFamily.Graph.Tests.Email;

/// <summary>
/// The API sending its outbox to the SMTP server on <see cref="SmtpPort"/> (no TLS), or, with no port, logging it.
/// Its domain clock (<see cref="Clock"/>) runs with real time and can be moved ahead; its log is kept in <see cref="Logs"/>.
/// </summary>
public class MailApiFactory : KdFamilyApiFactory
{
    public MailApiFactory(int? smtpPort, int batchSize = 20, int maxAttempts = 8, string retryDelay = "00:00:00.100", string maxRetryDelay = "00:00:00.400")
    {
        SmtpPort = smtpPort;
        Settings = new Dictionary<string, string?>
        {
            ["Smtp:Host"] = smtpPort is null ? null : "127.0.0.1",
            ["Smtp:Port"] = smtpPort?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None",
            ["Smtp:FromAddress"] = "family@kdfamily.test",
            ["Smtp:FromName"] = "KD Family Tests",
            ["Smtp:Timeout"] = "00:00:05",
            ["Smtp:BatchSize"] = batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:PollInterval"] = "00:00:00.050",
            ["Smtp:MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:RetryDelay"] = retryDelay,
            ["Smtp:MaxRetryDelay"] = maxRetryDelay,
        };
    }

    public int? SmtpPort { get; }

    public AdjustableClock Clock { get; } = new();

    public CapturedLogs Logs { get; } = new();

    private Dictionary<string, string?> Settings { get; }

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() => Settings.Where(s => s.Value is not null);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services => services.AddSingleton<IClock>(Clock));
    }

    /// <summary>
    /// Queues mails straight into the outbox, in one transaction, and returns them; <paramref name="setup"/> may change
    /// each before it is stored (to leave what another instance would have left).
    /// </summary>
    public async Task<IReadOnlyList<OutboundEmail>> QueueAsync(int count, string prefix, Action<OutboundEmail>? setup = null)
    {
        var now = SystemClock.Instance.GetCurrentInstant();
        var mails = Enumerable.Range(1, count)
            .Select(i => OutboundEmail.Compose($"{prefix}-{i}@example.test", new EmailMessage($"{prefix} {i}", $"text {i}", $"<p>html {i}</p>"), now))
            .ToList();
        mails.ForEach(mail => setup?.Invoke(mail));
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
        db.OutboundEmails.AddRange(mails);
        await db.SaveChangesAsync();
        return mails;
    }

    /// <summary>The stored rows of <paramref name="ids"/>.</summary>
    public async Task<List<OutboundEmail>> ReadAsync(IEnumerable<Guid> ids)
    {
        var list = ids.ToList();
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>().OutboundEmails.AsNoTracking()
            .Where(e => list.Contains(e.Id)).ToListAsync();
    }

    /// <summary>Waits until the rows of <paramref name="ids"/> satisfy <paramref name="condition"/> (polls every 50 ms, fails after 30 s).</summary>
    public async Task<List<OutboundEmail>> WaitForRowsAsync(IEnumerable<Guid> ids, Func<List<OutboundEmail>, bool> condition, string what)
    {
        var list = ids.ToList();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var rows = await ReadAsync(list);
            if (condition(rows))
            {
                return rows;
            }

            Assert.True(DateTime.UtcNow < deadline, $"not within 30 s: {what}; rows: {string.Join(", ", rows.Select(r => $"{r.Status}/{r.Attempts}/{r.LastError}"))}");
            await Task.Delay(50);
        }
    }
}

/// <summary>A domain clock that follows real time, shifted by what a test moved it ahead.</summary>
public sealed class AdjustableClock : IClock
{
    private long _offsetTicks;

    public Instant GetCurrentInstant() => SystemClock.Instance.GetCurrentInstant() + Duration.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(Duration by) => Interlocked.Add(ref _offsetTicks, by.BclCompatibleTicks);

    public void Reset() => Interlocked.Exchange(ref _offsetTicks, 0);
}
