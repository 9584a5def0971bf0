using System.Globalization;
using System.Text.RegularExpressions;
using KdFamily.Domain.Data;
using KdFamily.Domain.Leaderboards;
using KdFamily.Domain.Recurring;
using KdFamily.Graph.Jobs;
using KdFamily.Graph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace KdFamily.Graph.Tests.Jobs;

/// <summary>
/// Rows no input can create any more (dates near year 9999, a weekday 9), written straight into the database, fail
/// alone: the other families still get their recurring instances and weekly settlements, and /metrics counts the failures.
/// The clock is frozen at Wednesday 20 May 2026.
/// </summary>
public sealed partial class JobFailureIsolationTests(FixedClockApiFactory factory) : IClassFixture<FixedClockApiFactory>
{
    [Fact]
    public async Task RunOnce_WithPoisonedRowsInOneFamily_OtherFamiliesStillGetInstancesAndSettlements()
    {
        var poisoned = await SeedFamilyAsync("Poisoned");
        await AddTemplateAsync(poisoned, RecurrenceFrequency.Weekly, new LocalDate(9999, 12, 27), daysOfWeek: []);
        await AddTemplateAsync(poisoned, RecurrenceFrequency.Weekly, new LocalDate(2026, 5, 1), daysOfWeek: [9]);
        await AddSettlementAsync(poisoned, new LocalDate(9999, 12, 27));
        var healthy = await SeedFamilyAsync("Healthy");
        var templateId = await AddTemplateAsync(healthy, RecurrenceFrequency.Daily, new LocalDate(2026, 5, 1), daysOfWeek: []);
        using var client = factory.CreateClient();
        var before = await FailureCountsAsync(client);

        await factory.Services.GetRequiredService<ScheduledJobsService>().RunOnceAsync(CancellationToken.None);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
        var instance = await db.Tasks.SingleAsync(t => t.RecurringTemplateId == templateId);
        Assert.Equal(new LocalDate(2026, 5, 20), instance.OccurrenceDate);
        Assert.Equal([new LocalDate(2026, 5, 11)], await db.WeeklySettlements.Where(s => s.FamilyId == healthy.Family.Id).Select(s => s.WeekStart).ToListAsync());
        Assert.False(await db.Tasks.AnyAsync(t => t.FamilyId == poisoned.Family.Id && t.RecurringTemplateId != null));

        var after = await FailureCountsAsync(client);
        Assert.True(after["recurring_tasks"] - before["recurring_tasks"] >= 2, $"recurring failures {before["recurring_tasks"]} → {after["recurring_tasks"]}");
        Assert.True(after["weekly_settlement"] - before["weekly_settlement"] >= 1, $"settlement failures {before["weekly_settlement"]} → {after["weekly_settlement"]}");
    }

    private static async Task<Dictionary<string, double>> FailureCountsAsync(HttpClient client)
    {
        var text = await KdFamilyApiFactory.GetMetricsAsync(client);
        return FailureLine().Matches(text).ToDictionary(m => m.Groups["job"].Value, m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex("^kdfamily_job_failures_total\\{job=\"(?<job>[a-z_]+)\"\\} (?<value>[0-9.e+]+)$", RegexOptions.Multiline)]
    private static partial Regex FailureLine();

    private async Task<FamilySeed> SeedFamilyAsync(string name)
    {
        var seed = FamilySeed.Create(name, memberCount: 3, taskCount: 0, Instant.FromUtc(2026, 5, 12, 8, 0));
        await seed.SaveAsync(factory.Services);
        return seed;
    }

    private async Task<Guid> AddTemplateAsync(FamilySeed seed, RecurrenceFrequency frequency, LocalDate start, List<int> daysOfWeek)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
        var template = new RecurringTaskTemplate
        {
            FamilyId = seed.Family.Id,
            Title = $"Every {frequency} from {start}",
            Points = 5,
            Frequency = frequency,
            DaysOfWeek = daysOfWeek,
            StartDate = start,
            CreatedById = seed.Advisor.Id,
            CreatedAt = FixedClockApiFactory.Now,
        };
        db.Add(template);
        await db.SaveChangesAsync();
        return template.Id;
    }

    private async Task AddSettlementAsync(FamilySeed seed, LocalDate weekStart)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
        db.Add(new WeeklySettlement { FamilyId = seed.Family.Id, WeekStart = weekStart, SettledAt = FixedClockApiFactory.Now });
        await db.SaveChangesAsync();
    }
}
