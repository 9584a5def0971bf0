using KdFamily.Application.Audit;
using KdFamily.Application.Events;
using KdFamily.Application.Pipeline;
using KdFamily.Domain.Data;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Notifications;
using KdFamily.Domain.Points;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using KdFamily.Graph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;

namespace KdFamily.Graph.Tests.Application;

/// <summary>
/// The one path every change takes, against the real database: what commits, what rolls back, what is announced and
/// when. The outbox here records what the pipeline asks of it (and checks, at publish time, that the change is already
/// visible to another connection: events follow the commit).
/// </summary>
public sealed class UseCasePipelineTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    private static readonly Instant Now = SystemClock.Instance.GetCurrentInstant();

    [Fact]
    public async Task Success_CommitsThenPublishesThenRunsAfterCommitActions()
    {
        var seed = await SeedAsync();
        var title = $"note-{Guid.NewGuid():N}";
        await using var scope = factory.Services.CreateAsyncScope();
        var (pipeline, events) = Pipeline(scope.ServiceProvider, visibleAtPublish: title);
        var order = new List<string>();
        events.OnPublish = () => order.Add("published");

        var result = await pipeline.RunAsync(Caller(seed.Advisor), (work, _) =>
        {
            AddNotification(work, seed.Advisor, title);
            work.Events.MemberJoined(seed.Advisor);
            work.AfterCommit(() =>
            {
                order.Add("after-commit");
                return Task.CompletedTask;
            });
            return Task.FromResult<Result<int>>(1);
        }, CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.Equal(["published", "after-commit"], order);
        Assert.Equal(1, events.Published);
        Assert.True(events.SawCommittedRow);
        Assert.Equal(1, await CountNotificationsAsync(title));
    }

    [Fact]
    public async Task FailingAnnouncement_AfterTheCommit_TheChangeStillSucceedsAndTheOtherActionsRun()
    {
        var seed = await SeedAsync();
        var title = $"note-{Guid.NewGuid():N}";
        await using var scope = factory.Services.CreateAsyncScope();
        var (pipeline, events) = Pipeline(scope.ServiceProvider);
        var laterActionRan = false;

        var result = await pipeline.RunAsync(Caller(seed.Advisor), (work, _) =>
        {
            AddNotification(work, seed.Advisor, title);
            work.Events.MemberJoined(seed.Advisor);
            work.AfterCommit(() => throw new InvalidOperationException("the bus is down"));
            work.AfterCommit(() => Task.FromResult(laterActionRan = true));
            return Task.FromResult<Result<int>>(1);
        }, CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.Equal(1, events.Published);
        Assert.True(laterActionRan);
        Assert.Equal(1, await CountNotificationsAsync(title));
    }

    [Fact]
    public async Task TypedError_RollsBackEverythingAndAnnouncesNothing()
    {
        var seed = await SeedAsync();
        var title = $"note-{Guid.NewGuid():N}";
        await using var scope = factory.Services.CreateAsyncScope();
        var (pipeline, events) = Pipeline(scope.ServiceProvider);
        var afterCommitRan = false;

        var result = await pipeline.RunAsync<int>(Caller(seed.Advisor), async (work, token) =>
        {
            AddNotification(work, seed.Advisor, title);
            await work.Db.SaveChangesAsync(token); // written inside the transaction, then refused
            work.Events.MemberJoined(seed.Advisor);
            work.AfterCommit(() => Task.FromResult(afterCommitRan = true));
            return new ValidationError("input", "refused");
        }, CancellationToken.None);

        Assert.Equal("VALIDATION_ERROR", result.Error?.Code);
        Assert.Equal(0, events.Published);
        Assert.Equal(0, events.Pending);
        Assert.False(afterCommitRan);
        Assert.Equal(0, await CountNotificationsAsync(title));
    }

    [Fact]
    public async Task Exception_RollsBackDiscardsTheEventsAndPropagates()
    {
        var seed = await SeedAsync();
        var title = $"note-{Guid.NewGuid():N}";
        await using var scope = factory.Services.CreateAsyncScope();
        var (pipeline, events) = Pipeline(scope.ServiceProvider);

        await Assert.ThrowsAsync<InvalidOperationException>(() => pipeline.RunAsync<int>(Caller(seed.Advisor), async (work, token) =>
        {
            AddNotification(work, seed.Advisor, title);
            await work.Db.SaveChangesAsync(token);
            work.Events.MemberJoined(seed.Advisor);
            throw new InvalidOperationException("a bug");
        }, CancellationToken.None));

        Assert.Equal(0, events.Published);
        Assert.Equal(0, events.Pending);
        Assert.Equal(0, await CountNotificationsAsync(title));
    }

    [Fact]
    public async Task LostOptimisticRace_RunsTheWorkAgainOnTheFreshRowAndAnnouncesOnlyTheLastAttempt()
    {
        var seed = await SeedAsync();
        var task = seed.Tasks[0];
        await using var scope = factory.Services.CreateAsyncScope();
        var (pipeline, events) = Pipeline(scope.ServiceProvider);
        var attempts = 0;

        var result = await pipeline.RunAsync<string>(Caller(seed.Advisor), async (work, token) =>
        {
            attempts++;
            var row = await work.Db.Tasks.SingleAsync(t => t.Id == task.Id, token);
            if (attempts == 1)
            {
                // Another request changes the row between this attempt's read and its write.
                await using var other = scope.ServiceProvider.GetRequiredService<IDbContextFactory<KdFamilyDbContext>>().CreateDbContext();
                await other.Tasks.Where(t => t.Id == task.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.Description, "changed elsewhere"), token);
            }

            work.Events.TaskChanged(row, TaskActions.Update);
            row.Title = $"attempt {attempts} saw '{row.Description}'";
            return row.Title;
        }, CancellationToken.None);

        Assert.Equal(2, attempts);
        Assert.Equal("attempt 2 saw 'changed elsewhere'", result.Value);
        Assert.Equal(1, events.Published);
        Assert.Equal(1, events.PublishedMessages); // the second attempt's event; the first attempt's was discarded with it
    }

    [Fact]
    public async Task Deadlock_TheTransactionPostgreSqlAbortedRunsAgain_BothChangesSucceed()
    {
        var (first, second) = (await SeedAsync(), await SeedAsync());
        using var bothHoldTheirFirstLock = new Barrier(2);
        var attempts = 0;

        Task<Result<int>> LockInOrder(FamilySeed caller, Guid a, Guid b) => Task.Run(async () =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var (pipeline, _) = Pipeline(scope.ServiceProvider);
            return await pipeline.RunAsync<int>(Caller(caller.Advisor), async (work, token) =>
            {
                var attempt = Interlocked.Increment(ref attempts);
                await work.Db.Database.ExecuteSqlAsync($"SELECT 1 FROM families WHERE id = {a} FOR UPDATE", token);
                if (attempt <= 2)
                {
                    Assert.True(bothHoldTheirFirstLock.SignalAndWait(TimeSpan.FromSeconds(30), token), "the other transaction never took its first lock");
                }

                await work.Db.Database.ExecuteSqlAsync($"SELECT 1 FROM families WHERE id = {b} FOR UPDATE", token);
                return attempt;
            }, CancellationToken.None);
        });

        var results = await Task.WhenAll(
            LockInOrder(first, first.Family.Id, second.Family.Id),
            LockInOrder(second, second.Family.Id, first.Family.Id)).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.All(results, r => Assert.True(r.IsSuccess));
        Assert.Equal(3, attempts); // two first attempts, one of them aborted by PostgreSQL and run again
    }

    [Fact]
    public async Task ExpectedUniqueViolation_BecomesTheTypedError_AnUnexpectedOneIsThrown()
    {
        var seed = await SeedAsync();
        var key = $"pipeline-test:{Guid.NewGuid():N}";
        await using var scope = factory.Services.CreateAsyncScope();
        var (pipeline, events) = Pipeline(scope.ServiceProvider);
        var ledger = scope.ServiceProvider.GetRequiredService<PointsLedger>();
        LedgerEntry Entry() => new(5, "test", PointsChangeKinds.ManualAward, key, seed.Advisor.Id);

        Assert.True((await pipeline.RunAsync<int>(Caller(seed.Advisor), async (work, token) =>
        {
            work.Events.MemberJoined(seed.Advisor);
            return (await ledger.AppendAsync(seed.Family.Id, seed.Members[1].Id, [Entry()], token)).Count;
        }, CancellationToken.None)).IsSuccess);

        var expected = await pipeline.RunAsync<int>(Caller(seed.Advisor), async (work, token) =>
        {
            work.OnUniqueViolation(PointsLedger.IdempotencyKeyIndex, new AlreadyAwardedError("paid already"));
            work.Events.MemberJoined(seed.Advisor);
            return (await ledger.AppendAsync(seed.Family.Id, seed.Members[1].Id, [Entry()], token)).Count;
        }, CancellationToken.None);
        Assert.Equal("ALREADY_AWARDED", expected.Error?.Code);

        await Assert.ThrowsAsync<DbUpdateException>(() => pipeline.RunAsync<int>(Caller(seed.Advisor), async (work, token) =>
            (await ledger.AppendAsync(seed.Family.Id, seed.Members[1].Id, [Entry()], token)).Count, CancellationToken.None));
        Assert.Equal(1, events.Published);
        Assert.Equal(0, events.Pending);
    }

    [Fact]
    public async Task RemovedCaller_IsNotFound_AndTheWorkNeverRuns()
    {
        var seed = await SeedAsync();
        await using (var setup = factory.Services.CreateAsyncScope())
        {
            await setup.ServiceProvider.GetRequiredService<KdFamilyDbContext>().Users
                .Where(u => u.Id == seed.Members[2].Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.RemovedAt, Now));
        }

        await using var scope = factory.Services.CreateAsyncScope();
        var (pipeline, _) = Pipeline(scope.ServiceProvider);
        var ran = false;
        var result = await pipeline.RunAsync(Caller(seed.Members[2]), (_, _) => Task.FromResult<Result<bool>>(ran = true), CancellationToken.None);

        Assert.Equal("NOT_FOUND", result.Error?.Code);
        Assert.False(ran);
    }

    [Fact]
    public async Task CallerQuery_ReadsTheSubjectTrackedWithTheCaller_OnlyFromTheCallersFamily_AndNotForARemovedCaller()
    {
        var seed = await SeedAsync();
        var other = await SeedAsync();
        await using (var setup = factory.Services.CreateAsyncScope())
        {
            await setup.ServiceProvider.GetRequiredService<KdFamilyDbContext>().Users
                .Where(u => u.Id == seed.Members[2].Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.RemovedAt, Now));
        }

        async Task<(Result<string> Result, bool Ran)> RunAsync(User caller, Guid taskId)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var (pipeline, _) = Pipeline(scope.ServiceProvider);
            var ran = false;
            var result = await pipeline.RunAsync(Caller(caller), TaskOfCallersFamily, taskId, (work, task, _) =>
            {
                ran = true;
                var tracked = task is not null && work.Db.Entry(task).State == EntityState.Unchanged && work.Db.Entry(work.Caller).State == EntityState.Unchanged;
                return Task.FromResult<Result<string>>($"{work.Caller.Id}:{task?.Title ?? "none"}:{tracked}");
            }, CancellationToken.None);
            return (result, ran);
        }

        var own = await RunAsync(seed.Advisor, seed.Tasks[0].Id);
        Assert.Equal($"{seed.Advisor.Id}:a task:True", own.Result.Value);

        var othersTask = await RunAsync(seed.Advisor, other.Tasks[0].Id);
        Assert.Equal($"{seed.Advisor.Id}:none:False", othersTask.Result.Value);

        var removed = await RunAsync(seed.Members[2], seed.Tasks[0].Id);
        Assert.Equal("NOT_FOUND", removed.Result.Error?.Code);
        Assert.False(removed.Ran);
    }

    private static readonly CallerQuery<Guid, FamilyTask> TaskOfCallersFamily =
        new((db, caller, taskId) => db.Tasks.FirstOrDefault(t => t.Id == taskId && t.FamilyId == caller.FamilyId));

    private sealed record Command(Guid CallerId) : IMemberCommand;

    private static Command Caller(User user) => new(user.Id);

    private (UseCasePipeline Pipeline, RecordingEvents Events) Pipeline(IServiceProvider services, string? visibleAtPublish = null)
    {
        var db = services.GetRequiredService<KdFamilyDbContext>();
        var events = new RecordingEvents(visibleAtPublish is null ? null : () => CountNotificationsAsync(visibleAtPublish));
        var clock = services.GetRequiredService<IClock>();
        return (new UseCasePipeline(db, clock, events, NoRequestOrigin.Instance, NullLogger<UseCasePipeline>.Instance), events);
    }

    private async Task<FamilySeed> SeedAsync()
    {
        var seed = FamilySeed.Create($"Pipeline {Guid.NewGuid():N}", memberCount: 3, taskCount: 0, Now);
        seed.AddTask("a task", FamilyTaskStatus.Pending, null, 10, null, Now);
        await seed.SaveAsync(factory.Services);
        return seed;
    }

    private static void AddNotification(UnitOfWork work, User user, string title) =>
        work.Db.Notifications.Add(new Notification
        {
            UserId = user.Id, FamilyId = user.FamilyId, Kind = NotificationKind.TaskAssigned, Title = title, Body = "body", CreatedAt = Now,
        });

    private async Task<int> CountNotificationsAsync(string title)
    {
        await using var db = factory.Services.GetRequiredService<IDbContextFactory<KdFamilyDbContext>>().CreateDbContext();
        return await db.Notifications.CountAsync(n => n.Title == title);
    }

    /// <summary>An outbox that counts what is recorded and published, instead of sending it to the topic bus.</summary>
    private sealed class RecordingEvents(Func<Task<int>>? committedRows) : IFamilyEvents
    {
        private int _pending;

        public Action? OnPublish { get; set; }

        public int Pending => _pending;

        public int Published { get; private set; }

        public int PublishedMessages { get; private set; }

        public bool SawCommittedRow { get; private set; }

        public void TaskCreated(FamilyTask task) => _pending += 2;

        public void TaskChanged(FamilyTask task, string action) => _pending++;

        public void PointsAwarded(PointsTransaction row) => _pending++;

        public void LeaderboardChanged(Guid familyId) => _pending++;

        public void MemberJoined(User member) => _pending++;

        public void MemberRemoved(User member) => _pending++;

        public void AchievementUnlocked(Guid familyId, Guid userId, Guid achievementId) => _pending++;

        public void NotificationSent(Notification notification) => _pending++;

        public void RedemptionChanged(Domain.Rewards.Redemption redemption) => _pending++;

        public async Task PublishAsync()
        {
            if (_pending == 0)
            {
                return; // nothing recorded: nothing announced
            }

            SawCommittedRow = committedRows is not null && await committedRows() == 1;
            Published++;
            PublishedMessages += _pending;
            _pending = 0;
            OnPublish?.Invoke();
        }

        public void Discard() => _pending = 0;
    }
}
