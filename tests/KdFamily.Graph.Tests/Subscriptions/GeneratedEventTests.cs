using KdFamily.Domain.Recurring;
using KdFamily.Domain.Tasks;
using KdFamily.Graph.Jobs;
using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Graph.Tests.Tasks;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace KdFamily.Graph.Tests.Subscriptions;

/// <summary>Events of work nobody's mutation did directly: recurring instances and the weekly settlement job.</summary>
public sealed class GeneratedEventTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    private readonly SubscriptionScenario _scenario = new(factory);

    [Fact]
    public async Task TaskCreated_RecurringTaskCreated_AnnouncesItsFirstInstance()
    {
        var seed = await _scenario.SeedAsync();
        using var live = await _scenario.SubscribeAsync("OnTaskCreated", seed, seed.Members[2]);

        await _scenario.RunAsync("CreateRecurringTask", seed.Members[1], new { title = "Feed the cat", points = 5, frequency = "DAILY" });

        Assert.Equal("Feed the cat", (await live.NextAsync("taskCreated"))["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task TaskCreated_RecurringTaskJob_AnnouncesTheInstanceItGenerated()
    {
        var seed = await _scenario.SeedAsync();
        var title = $"Water the plants {Guid.NewGuid():N}";
        using var live = await _scenario.SubscribeAsync("OnTaskCreated", seed, seed.Members[2]);
        await _scenario.Mutations.DbAsync(db =>
        {
            db.RecurringTaskTemplates.Add(new RecurringTaskTemplate
            {
                FamilyId = seed.Family.Id,
                Title = title,
                Points = 5,
                Frequency = RecurrenceFrequency.Daily,
                StartDate = new LocalDate(2026, 1, 1),
                DueTime = new LocalTime(23, 59),
                CreatedById = seed.Advisor.Id,
                CreatedAt = TaskMutationClient.Now,
            });
            return db.SaveChangesAsync();
        });

        await factory.Services.GetRequiredService<ScheduledJobsService>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(title, (await live.NextAsync("taskCreated"))["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task AchievementUnlocked_WeeklySettlementJob_AnnouncesTheWinnersUnlockAndReward()
    {
        var now = TaskMutationClient.Now;
        var seed = FamilySeed.Create("Settled", memberCount: 4, taskCount: 0, now - Duration.FromDays(21));
        seed.AddTask("Last week's chore", FamilyTaskStatus.Approved, seed.Members[2], 20, due: null, created: now - Duration.FromDays(7), completedAt: now - Duration.FromDays(7));
        await seed.SaveAsync(factory.Services);
        using var unlocks = await _scenario.SubscribeAsync("OnAchievementUnlocked", seed, seed.Members[3]);
        using var points = await _scenario.SubscribeAsync("OnPointsAwarded", seed, seed.Members[3]);

        await factory.Services.GetRequiredService<ScheduledJobsService>().RunOnceAsync(CancellationToken.None);

        var codes = new List<string>();
        while (!codes.Contains("weekly-winner"))
        {
            codes.Add((await unlocks.NextAsync("achievementUnlocked"))["achievement"]!["code"]!.GetValue<string>());
        }

        var reward = await points.NextAsync("pointsAwarded");
        Assert.Equal(("achievement", SubscriptionScenario.UserId(seed.Members[2])), (reward["bonusType"]!.GetValue<string>(), reward["user"]!["id"]!.GetValue<string>()));
    }
}
