using GraphQLServer.Relay;
using KdFamily.Domain.Away;
using KdFamily.Domain.Data;
using KdFamily.Domain.Jobs;
using KdFamily.Domain.Notifications;
using KdFamily.Domain.Tasks;
using KdFamily.Graph.Jobs;
using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Graph.Tests.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace KdFamily.Graph.Tests.Reminders;

/// <summary>
/// The reminder job on real hosts over one PostgreSQL database, with the domain clock moved by the test. Each test
/// seeds its own family and asserts on its own tasks (the job serves every family of the database).
/// </summary>
public sealed class TaskReminderJobTests(SettableClockApiFactory factory) : IClassFixture<SettableClockApiFactory>, IDisposable
{
    private static readonly Instant Due = Instant.FromUtc(2026, 6, 10, 16, 0);

    private readonly TaskMutationClient _api = new(factory);
    private readonly SettableClockApiFactory _second = factory.SecondHost();

    public void Dispose() => _second.Dispose();

    [Fact]
    public async Task TwoHostsSendingConcurrently_EachReminderGoesOutExactlyOnce_AndARestartSendsNothingNew()
    {
        var (seed, task) = await SeedTaskAsync();

        factory.Clock.Now = Due - Duration.FromMinutes(90); // inside the default lead time of 120 minutes
        await BothHostsSendAsync(times: 3);
        Assert.Equal([NotificationKind.TaskDueSoon], await KindsAsync(task.Id));

        factory.Clock.Now = Due + Duration.FromMinutes(1);
        await BothHostsSendAsync(times: 3);
        Assert.Equal([NotificationKind.TaskDueSoon, NotificationKind.TaskOverdue], await KindsAsync(task.Id));

        // A restarted instance: a fresh host over the same database, running the whole scheduled tick.
        using (var restarted = factory.SecondHost())
        {
            Assert.True(await restarted.Services.GetRequiredService<ScheduledJobsService>().RunOnceAsync(CancellationToken.None));
        }

        Assert.Equal([NotificationKind.TaskDueSoon, NotificationKind.TaskOverdue], await KindsAsync(task.Id));
        var reminders = await _api.DbAsync(db => db.TaskReminders.Where(r => r.TaskId == task.Id).OrderBy(r => r.SentAt).ToListAsync());
        Assert.Equal(
            [(NotificationKind.TaskDueSoon, Due, seed.Members[2].Id), (NotificationKind.TaskOverdue, Due, seed.Members[2].Id)],
            reminders.Select(r => (r.Kind, r.DueDate, r.UserId)));
    }

    [Fact]
    public async Task DueDateChanged_RearmsTheReminders()
    {
        var (seed, task) = await SeedTaskAsync();
        factory.Clock.Now = Due + Duration.FromMinutes(1);
        await BothHostsSendAsync(times: 1);
        Assert.Equal([NotificationKind.TaskOverdue], await KindsAsync(task.Id));

        var newDue = Due + Duration.FromDays(1);
        var updated = await _api.RunAsync("UpdateTask", seed.Members[1], new { taskId = GlobalId.Encode("Task", task.Id), dueDate = newDue.ToString() });
        Assert.Null(updated["errors"]);

        factory.Clock.Now = newDue - Duration.FromMinutes(30);
        await BothHostsSendAsync(times: 2);
        factory.Clock.Now = newDue + Duration.FromMinutes(1);
        await BothHostsSendAsync(times: 2);

        Assert.Equal([NotificationKind.TaskOverdue, NotificationKind.TaskDueSoon, NotificationKind.TaskOverdue], await KindsAsync(task.Id));
        Assert.Equal(
            [(NotificationKind.TaskOverdue, Due), (NotificationKind.TaskDueSoon, newDue), (NotificationKind.TaskOverdue, newDue)],
            await _api.DbAsync(async db => (await db.TaskReminders.Where(r => r.TaskId == task.Id).OrderBy(r => r.SentAt).ToListAsync()).Select(r => (r.Kind, r.DueDate)).ToList()));
    }

    [Fact]
    public async Task MutedKind_IsNotCreated_OtherKindsStillArrive()
    {
        var (seed, task) = await SeedTaskAsync();
        var preferences = await _api.RunAsync("UpdateNotificationPreferences", seed.Members[2], new { mutedKinds = new[] { "TASK_DUE_SOON" } });
        Assert.Null(preferences["errors"]);
        Assert.Equal("TASK_DUE_SOON", preferences["notificationPreferences"]!["mutedKinds"]![0]!.GetValue<string>());

        factory.Clock.Now = Due - Duration.FromMinutes(60);
        await BothHostsSendAsync(times: 2);
        factory.Clock.Now = Due + Duration.FromMinutes(1);
        await BothHostsSendAsync(times: 2);

        Assert.Equal([NotificationKind.TaskOverdue], await KindsAsync(task.Id));
        var muted = await _api.DbAsync(db => db.TaskReminders.SingleAsync(r => r.TaskId == task.Id && r.Kind == NotificationKind.TaskDueSoon));
        Assert.Null(muted.NotificationId); // decided once, not retried every tick
    }

    [Fact]
    public async Task QuietHoursAcrossTheSpringDstChange_TheReminderWaitsUntilTheyEndOnTheFamilysWallClock()
    {
        // Berlin moves from CET (+1) to CEST (+2) at 01:00 UTC on Sunday 29 March 2026. The task is due at 01:30 UTC,
        // 03:30 CEST; the assignee's quiet hours are 22:00-07:00 local, which end at 05:00 UTC that morning (06:00 UTC
        // under the winter offset).
        var due = Instant.FromUtc(2026, 3, 29, 1, 30);
        var (seed, task) = await SeedTaskAsync(due);
        var preferences = await _api.RunAsync("UpdateNotificationPreferences", seed.Members[2], new { quietHoursStart = "22:00", quietHoursEnd = "07:00" });
        Assert.Null(preferences["errors"]);

        foreach (var quiet in new[] { due - Duration.FromMinutes(90), due + Duration.FromMinutes(1), Instant.FromUtc(2026, 3, 29, 4, 59) })
        {
            factory.Clock.Now = quiet;
            await BothHostsSendAsync(times: 1);
            Assert.Empty(await KindsAsync(task.Id));
        }

        factory.Clock.Now = Instant.FromUtc(2026, 3, 29, 5, 0); // 07:00 CEST: the quiet hours are over
        await BothHostsSendAsync(times: 1);

        // The due-soon window passed during the quiet hours: only the overdue reminder goes out, once.
        Assert.Equal([NotificationKind.TaskOverdue], await KindsAsync(task.Id));
        Assert.Equal(Instant.FromUtc(2026, 3, 29, 5, 0), (await _api.DbAsync(db => db.Notifications.SingleAsync(n => n.TaskId == task.Id))).CreatedAt);
    }

    [Fact]
    public async Task DoneOrUnassignedWork_GetsNoReminder()
    {
        var seed = await _api.SeedAsync();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
            db.Tasks.AddRange(
                Task(seed, "Completed", FamilyTaskStatus.Completed, seed.Members[2].Id),
                Task(seed, "Approved", FamilyTaskStatus.Approved, seed.Members[2].Id),
                Task(seed, "Open to claim", FamilyTaskStatus.Pending, null));
            await db.SaveChangesAsync();
        }

        factory.Clock.Now = Due + Duration.FromDays(1);
        await BothHostsSendAsync(times: 1);

        Assert.False(await _api.DbAsync(db => db.Notifications.AnyAsync(n => n.FamilyId == seed.Family.Id)));
    }

    [Fact]
    public async Task AwayAssignee_IsNotRemindedWhileAway_AndGetsTheOverdueReminderOnceBack()
    {
        var (seed, task) = await SeedTaskAsync();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
            db.AwayPeriods.Add(AwayPeriod.Create(seed.Members[2], new LocalDate(2026, 6, 9), new LocalDate(2026, 6, 11), Due - Duration.FromDays(2)));
            await db.SaveChangesAsync();
        }

        foreach (var whileAway in new[] { Due - Duration.FromMinutes(90), Due + Duration.FromMinutes(1), Instant.FromUtc(2026, 6, 11, 20, 0) })
        {
            factory.Clock.Now = whileAway;
            await BothHostsSendAsync(times: 1);
            Assert.Empty(await KindsAsync(task.Id));
            Assert.False(await _api.DbAsync(db => db.TaskReminders.AnyAsync(r => r.TaskId == task.Id)));
        }

        factory.Clock.Now = Instant.FromUtc(2026, 6, 12, 12, 0); // back: the work still waits for them
        await BothHostsSendAsync(times: 2);
        Assert.Equal([NotificationKind.TaskOverdue], await KindsAsync(task.Id));
    }

    [Fact]
    public async Task OverdueTask_IsOverdueAndListedByTheOverdueFilter()
    {
        var (seed, task) = await SeedTaskAsync();
        factory.Clock.Now = Due + Duration.FromMinutes(1);

        using var client = factory.CreateClient();
        var response = await client.PostGraphQLAsync(
            Operations.Load("OverdueTasks"), new { familyId = GlobalId.Encode("Family", seed.Family.Id) }, factory.TokenFor(seed.Members[2]));

        var tasks = response["data"]!["family"]!["tasks"]!;
        Assert.Equal(1, tasks["totalCount"]!.GetValue<int>());
        var node = tasks["edges"]![0]!["node"]!;
        Assert.Equal((GlobalId.Encode("Task", task.Id), true), (node["id"]!.GetValue<string>(), node["isOverdue"]!.GetValue<bool>()));
        Assert.Equal(120, response["data"]!["family"]!["reminderLeadMinutes"]!.GetValue<int>());

        factory.Clock.Now = Due - Duration.FromMinutes(1);
        var before = await client.PostGraphQLAsync(
            Operations.Load("OverdueTasks"), new { familyId = GlobalId.Encode("Family", seed.Family.Id) }, factory.TokenFor(seed.Members[2]));
        Assert.Equal(0, before["data"]!["family"]!["tasks"]!["totalCount"]!.GetValue<int>());
    }

    /// <summary>Both hosts run the reminder job at the same moment, bypassing the scheduler's advisory lock: only the unique key keeps it exactly once.</summary>
    private async Task BothHostsSendAsync(int times)
    {
        for (var i = 0; i < times; i++)
        {
            var failures = new List<JobItemFailure>[] { [], [] };
            var now = factory.Clock.Now;
            await System.Threading.Tasks.Task.WhenAll(
                System.Threading.Tasks.Task.Run(() => factory.Services.GetRequiredService<TaskReminderJob>().RunAsync(now, failures[0], CancellationToken.None)),
                System.Threading.Tasks.Task.Run(() => _second.Services.GetRequiredService<TaskReminderJob>().RunAsync(now, failures[1], CancellationToken.None)));
            Assert.Empty(failures.SelectMany(f => f));
        }
    }

    private Task<List<NotificationKind>> KindsAsync(Guid taskId) =>
        _api.DbAsync(db => db.Notifications.Where(n => n.TaskId == taskId).OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).Select(n => n.Kind).ToListAsync());

    private async Task<(FamilySeed Seed, FamilyTask Task)> SeedTaskAsync(Instant? due = null)
    {
        FamilyTask task = null!;
        var seed = await _api.SeedAsync(s => task = s.AddTask("Homework", FamilyTaskStatus.InProgress, s.Members[2], 10, due ?? Due, TaskMutationClient.Now));
        return (seed, task);
    }

    private static FamilyTask Task(FamilySeed seed, string title, FamilyTaskStatus status, Guid? assigneeId) => new()
    {
        FamilyId = seed.Family.Id,
        Title = title,
        Status = status,
        AssignedToId = assigneeId,
        CreatedById = seed.Advisor.Id,
        DueDate = Due,
        CompletedAt = status is FamilyTaskStatus.Completed or FamilyTaskStatus.Approved ? Due : null,
        CreatedAt = Due - Duration.FromDays(1),
        UpdatedAt = Due - Duration.FromDays(1),
    };
}
