using GraphQLServer.Relay;
using KdFamily.Domain.Tasks;
using KdFamily.Graph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace KdFamily.Graph.Tests.Tasks;

/// <summary>
/// The achievements an approval unlocks, judged in the approval itself: the evaluation's reads go out in one batch
/// with the ledger rows, after them, and count the family's days in the family's zone.
/// </summary>
public sealed class ApproveTaskAchievementTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    private readonly TaskMutationClient _api = new(factory);

    [Fact]
    public async Task ApproveTask_WhosePointsReachAThreshold_UnlocksItInTheSameApproval()
    {
        FamilyTask task = null!;
        var seed = await _api.SeedAsync(s =>
        {
            s.Award(s.Members[2], 95, TaskMutationClient.Now - Duration.FromDays(1));
            task = s.AddTask("Laundry", FamilyTaskStatus.Completed, s.Members[2], 5, null, TaskMutationClient.Now);
        });

        await _api.RunAsync("ApproveTask", seed.Members[1], new { taskId = GlobalId.Encode("Task", task.Id) });

        // 95 + the approval's 5: only an evaluation that reads after the approval's ledger row sees 100.
        Assert.Contains("points-100", await CompletedAsync(seed.Members[2].Id));
    }

    [Fact]
    public async Task ApproveTask_StreakDays_AreTheFamilysLocalDates()
    {
        // Auckland is 13 hours ahead of UTC in its summer, 12 in winter: 00:30 and 23:30 local fall on other UTC dates.
        var zone = DateTimeZoneProviders.Tzdb["Pacific/Auckland"];
        var today = TaskMutationClient.Now.InZone(zone).Date;
        Instant Local(LocalDate date, int hour, int minute) => date.At(new LocalTime(hour, minute)).InZoneStrictly(zone).ToInstant();
        var first = today.PlusDays(-10);
        var seed = FamilySeed.Create("Streaks", memberCount: 4, taskCount: 0, TaskMutationClient.Now, "Pacific/Auckland");
        var kid = seed.Members[2];
        seed.AddTask("Day one", FamilyTaskStatus.Approved, kid, 5, null, Local(first, 0, 0), completedAt: Local(first, 0, 30));
        seed.AddTask("Day two", FamilyTaskStatus.Approved, kid, 5, null, Local(first.PlusDays(1), 23, 0), completedAt: Local(first.PlusDays(1), 23, 30));
        var third = seed.AddTask("Day three", FamilyTaskStatus.Completed, kid, 5, null, Local(first.PlusDays(2), 0, 0), completedAt: Local(first.PlusDays(2), 0, 30));
        await seed.SaveAsync(factory.Services);

        await _api.RunAsync("ApproveTask", seed.Members[1], new { taskId = GlobalId.Encode("Task", third.Id) });

        // Three days in a row in Auckland; in UTC two of the completions share a date and the first is two days earlier.
        Assert.Contains("streak-3", await CompletedAsync(kid.Id));
    }

    private Task<List<string>> CompletedAsync(Guid userId) =>
        _api.DbAsync(db => db.UserAchievements.Where(u => u.UserId == userId && u.CompletedAt != null).Select(u => u.Achievement!.Code).ToListAsync());
}
