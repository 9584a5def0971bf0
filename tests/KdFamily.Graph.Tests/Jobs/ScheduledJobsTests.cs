using GraphQLServer.Relay;
using KdFamily.Domain.Achievements;
using KdFamily.Domain.Data;
using KdFamily.Domain.Recurring;
using KdFamily.Domain.Tasks;
using KdFamily.Graph.Jobs;
using KdFamily.Graph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace KdFamily.Graph.Tests.Jobs;

/// <summary>The jobs run by hand (the periodic service is off in tests); the clock is frozen at Wednesday 20 May 2026.</summary>
public sealed class ScheduledJobsTests(FixedClockApiFactory factory) : IClassFixture<FixedClockApiFactory>
{
    private static readonly Instant LastWeek = Instant.FromUtc(2026, 5, 13, 10, 0);

    [Fact]
    public async Task RunOnce_TwiceConcurrently_RecordsOneSettlementPerWeekAndOneRecurringInstance()
    {
        var seed = await SeedAsync();
        var templateId = await AddTemplateAsync(seed);
        var jobs = factory.Services.GetRequiredService<ScheduledJobsService>();

        await Task.WhenAll(Task.Run(() => jobs.RunOnceAsync(CancellationToken.None)), Task.Run(() => jobs.RunOnceAsync(CancellationToken.None)));
        await jobs.RunOnceAsync(CancellationToken.None);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
        Assert.Equal([new LocalDate(2026, 5, 11)], await db.WeeklySettlements.Where(s => s.FamilyId == seed.Family.Id).Select(s => s.WeekStart).ToListAsync());
        var instance = await db.Tasks.SingleAsync(t => t.RecurringTemplateId == templateId);
        Assert.Equal((new LocalDate(2026, 5, 20), FamilyTaskStatus.Pending), (instance.OccurrenceDate, instance.Status));
    }

    [Fact]
    public async Task WeeklyHistory_AfterSettlement_ListsLastWeeksStandingsWithTies()
    {
        var seed = await SeedAsync();
        await factory.Services.GetRequiredService<ScheduledJobsService>().RunOnceAsync(CancellationToken.None);

        using var client = factory.CreateClient();
        var response = await client.PostGraphQLAsync(
            Operations.Load("FamilyWeeklyHistory"), new { familyId = GlobalId.Encode("Family", seed.Family.Id), last = 5 }, factory.TokenFor(seed.Members[2]));

        Assert.True(response["data"]?["family"] is not null, response.ToJsonString());
        var week = Assert.Single(response["data"]!["family"]!["weeklyHistory"]!.AsArray())!;
        Assert.Equal(("2026-05-11", "2026-05-18"), (week["weekStart"]!.GetValue<string>(), week["weekEnd"]!.GetValue<string>()));
        var standings = week["standings"]!.AsArray().Select(s => (s!["rank"]!.GetValue<int>(), s["points"]!.GetValue<int>(), s["user"]!["fullName"]!.GetValue<string>())).ToList();
        Assert.Equal(
            [(1, 20, seed.Members[2].FullName), (1, 20, seed.Members[3].FullName), (3, 0, seed.Members[0].FullName), (3, 0, seed.Members[1].FullName)],
            standings);
    }

    [Fact]
    public async Task Achievements_AfterWinningAWeek_ShowTheWholeCatalogueWithTheWeeklyWinnerUnlocked()
    {
        var seed = await SeedAsync();
        await factory.Services.GetRequiredService<ScheduledJobsService>().RunOnceAsync(CancellationToken.None);

        using var client = factory.CreateClient();
        var response = await client.PostGraphQLAsync(Operations.Load("UserAchievements"), null, factory.TokenFor(seed.Members[2]));

        var entries = response["data"]!["me"]!["achievements"]!.AsArray()
            .ToDictionary(a => a!["achievement"]!["code"]!.GetValue<string>(), a => (Progress: a!["progress"]!.GetValue<double>(), Done: a["completedAt"] is not null));
        Assert.Equal(AchievementCatalogue.Entries.Select(e => e.Code).Order(), entries.Keys.Order());
        Assert.Equal((100.0, true), entries["weekly-winner"]);
        Assert.Equal((100.0, true), entries["first-task"]);
        Assert.Equal((20.0, false), entries["weekly-winner-5"]);
        Assert.Equal((33.3, false), entries["streak-3"]); // one day of approved work, a week ago
        Assert.Equal((10.0, false), entries["tasks-approved-10"]);
    }

    private async Task<FamilySeed> SeedAsync()
    {
        var seed = FamilySeed.Create("Jobs", memberCount: 4, taskCount: 0, Instant.FromUtc(2026, 5, 12, 8, 0));
        seed.AddTask("Vacuum", FamilyTaskStatus.Approved, seed.Members[2], 20, due: null, created: LastWeek, completedAt: LastWeek);
        seed.AddTask("Laundry", FamilyTaskStatus.Approved, seed.Members[3], 20, due: null, created: LastWeek, completedAt: LastWeek);
        await seed.SaveAsync(factory.Services);
        return seed;
    }

    private async Task<Guid> AddTemplateAsync(FamilySeed seed)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
        var template = new RecurringTaskTemplate
        {
            FamilyId = seed.Family.Id,
            Title = "Water the plants",
            Points = 5,
            Frequency = RecurrenceFrequency.Daily,
            StartDate = new LocalDate(2026, 5, 1),
            CreatedById = seed.Advisor.Id,
            CreatedAt = FixedClockApiFactory.Now,
        };
        db.Add(template);
        await db.SaveChangesAsync();
        return template.Id;
    }
}
