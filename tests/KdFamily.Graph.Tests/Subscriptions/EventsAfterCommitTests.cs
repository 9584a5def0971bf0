using System.Text.Json.Nodes;
using KdFamily.Domain.Tasks;
using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Graph.Tests.Tasks;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Graph.Tests.Subscriptions;

/// <summary>
/// A unit of work announces its events only once its commit has succeeded: nothing while the commit is held, nothing when
/// it fails. Black-box: the mutation goes over HTTP, subscribers listen through the real topic bus, and the host's
/// <see cref="CommitGate"/> holds or fails the commit. "Nothing arrived" is shown by order, not by waiting: other
/// mutations (markers) publish on every subscribed topic meanwhile, and each subscriber's first events must be theirs.
/// Members[1] approves; task 0 is Members[2]'s (the one under test), task 1 Members[3]'s (a marker).
/// </summary>
public sealed class EventsAfterCommitTests(CommitGateApiFactory factory) : IClassFixture<CommitGateApiFactory>
{
    /// <summary>Extra time for events published without awaiting anything to show up; only ever used to see that none did.</summary>
    private static readonly TimeSpan StragglerWindow = TimeSpan.FromMilliseconds(300);

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly SubscriptionScenario _scenario = new(factory);

    [Fact]
    public async Task ApproveTask_CommitHeld_NothingIsDeliveredUntilItCommits()
    {
        var seed = await SeedAsync();
        using var subscribers = await Subscribers.StartAsync(_scenario, seed);
        var hold = factory.Commits.HoldNextCommit();

        var approval = _scenario.Mutations.RequestAsync("ApproveTask", seed.Members[1], new { taskId = SubscriptionScenario.TaskId(seed, 0) });
        await Task.WhenAny(hold.Reached, approval).WaitAsync(Patience);
        if (!hold.Reached.IsCompleted)
        {
            Assert.Fail("approveTask answered without reaching its commit: " + (await approval).ToJsonString());
        }

        var created = await RunMarkersAsync(seed);
        await subscribers.AssertOnlyMarkersAsync(seed, created);
        Assert.False(approval.IsCompleted, "approveTask answered while its commit was held");

        hold.Release();
        var response = await approval.WaitAsync(Patience);
        Assert.True(response["errors"] is null, response.ToJsonString());
        Assert.Equal("APPROVED", response["data"]!["approveTask"]!["task"]!["status"]!.GetValue<string>());
        await subscribers.AssertApprovalOfTask0Async(seed);
    }

    [Fact]
    public async Task ApproveTask_CommitFails_ReportsAnErrorAndDeliversNothing()
    {
        var seed = await SeedAsync();
        using var subscribers = await Subscribers.StartAsync(_scenario, seed);
        factory.Commits.FailNextCommit();

        var response = await _scenario.Mutations.RequestAsync("ApproveTask", seed.Members[1], new { taskId = SubscriptionScenario.TaskId(seed, 0) });

        Assert.Equal("INTERNAL", response["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>());
        Assert.True(response["data"]?["approveTask"] is null, response.ToJsonString());
        var (status, ledgerRows) = await _scenario.Mutations.DbAsync(async db => (
            await db.Tasks.Where(t => t.Id == seed.Tasks[0].Id).Select(t => t.Status).SingleAsync(),
            await db.PointsHistory.CountAsync(p => p.UserId == seed.Members[2].Id)));
        Assert.Equal((FamilyTaskStatus.Completed, 0), (status, ledgerRows));

        var created = await RunMarkersAsync(seed);
        await subscribers.AssertOnlyMarkersAsync(seed, created);
    }

    private Task<FamilySeed> SeedAsync() => _scenario.SeedAsync(seed =>
    {
        SubscriptionScenario.AddTask(seed, FamilyTaskStatus.Completed);
        seed.AddTask("Marker chore", FamilyTaskStatus.Completed, seed.Members[3], points: 10, due: null, created: TaskMutationClient.Now);
    });

    /// <summary>
    /// Mutations that publish on every topic the subscribers listen to: approving Members[3]'s task (task, points,
    /// standings events) and a new task assigned to Members[2] (task and notification events). Returns the new task's ID.
    /// </summary>
    private async Task<string> RunMarkersAsync(FamilySeed seed)
    {
        await _scenario.RunAsync("ApproveTask", seed.Members[1], new { taskId = SubscriptionScenario.TaskId(seed, 1) });
        return await _scenario.CreateTaskAsync(seed, seed.Members[2]);
    }

    /// <summary>Members[2]'s subscriptions to every event an approval of their task produces.</summary>
    private sealed class Subscribers : IDisposable
    {
        private LiveSubscription _updates = null!;
        private LiveSubscription _approvals = null!;
        private LiveSubscription _points = null!;
        private LiveSubscription _standings = null!;
        private LiveSubscription _notifications = null!;

        public static async Task<Subscribers> StartAsync(SubscriptionScenario scenario, FamilySeed seed)
        {
            var member = seed.Members[2];
            return new Subscribers
            {
                _updates = await scenario.SubscribeAsync("OnTaskUpdated", seed, member),
                _approvals = await scenario.SubscribeAsync("OnTaskApproved", seed, member),
                _points = await scenario.SubscribeAsync("OnPointsAwarded", seed, member),
                _standings = await scenario.SubscribeAsync("OnLeaderboardUpdated", seed, member),
                _notifications = await scenario.SubscribeAsync("OnNotificationReceived", seed, member, new { }),
            };
        }

        /// <summary>
        /// Each subscriber's first events are the markers' (an event of task 0's approval published before them would have
        /// come first), and after a short extra wait none of the events queued is about task 0's approval.
        /// </summary>
        public async Task AssertOnlyMarkersAsync(FamilySeed seed, string createdTaskId)
        {
            var (task0, task1) = (SubscriptionScenario.TaskId(seed, 0), SubscriptionScenario.TaskId(seed, 1));
            var (member2, member3) = (SubscriptionScenario.UserId(seed.Members[2]), SubscriptionScenario.UserId(seed.Members[3]));
            Assert.Equal(task1, Id(await _updates.NextAsync("taskUpdated")));
            Assert.Equal(createdTaskId, Id(await _updates.NextAsync("taskUpdated")));
            Assert.Equal(task1, Id(await _approvals.NextAsync("taskApproved")));
            Assert.Equal(member3, (await _points.NextAsync("pointsAwarded"))["user"]!["id"]!.GetValue<string>());
            Assert.Equal((member3, 0), Standings(await _standings.NextAsync("leaderboardUpdated"), member2));
            var notification = await _notifications.NextAsync("notificationReceived");
            Assert.Equal(("TASK_ASSIGNED", createdTaskId), (notification["kind"]!.GetValue<string>(), notification["task"]!["id"]!.GetValue<string>()));

            await Task.Delay(StragglerWindow);
            Assert.DoesNotContain(task0, Data(_updates, "taskUpdated").Select(Id));
            Assert.DoesNotContain(task0, Data(_approvals, "taskApproved").Select(Id));
            Assert.All(Data(_points, "pointsAwarded"), row => Assert.Equal(member3, row["user"]!["id"]!.GetValue<string>()));
            Assert.All(Data(_standings, "leaderboardUpdated"), standings => Assert.Equal(0, Standings(standings, member2).Points));
            Assert.Empty(Data(_notifications, "notificationReceived"));
        }

        /// <summary>The events of task 0's approval, next on every subscriber.</summary>
        public async Task AssertApprovalOfTask0Async(FamilySeed seed)
        {
            var (task0, member2) = (SubscriptionScenario.TaskId(seed, 0), SubscriptionScenario.UserId(seed.Members[2]));
            var updated = await _updates.NextAsync("taskUpdated");
            Assert.Equal((task0, "APPROVED"), (Id(updated), updated["status"]!.GetValue<string>()));
            Assert.Equal(task0, Id(await _approvals.NextAsync("taskApproved")));
            var row = await _points.NextAsync("pointsAwarded");
            Assert.Equal((member2, "task"), (row["user"]!["id"]!.GetValue<string>(), row["bonusType"]!.GetValue<string>()));
            Assert.True(Standings(await _standings.NextAsync("leaderboardUpdated"), member2).Points > 0);
            var notification = await _notifications.NextAsync("notificationReceived");
            Assert.Equal(("TASK_APPROVED", task0), (notification["kind"]!.GetValue<string>(), notification["task"]!["id"]!.GetValue<string>()));
        }

        public void Dispose()
        {
            foreach (var subscription in new[] { _updates, _approvals, _points, _standings, _notifications })
            {
                subscription?.Dispose();
            }
        }

        private static string Id(JsonNode task) => task["id"]!.GetValue<string>();

        private static List<JsonNode> Data(LiveSubscription subscription, string field) =>
            [.. subscription.Drain().Select(result =>
            {
                Assert.True(result["errors"] is null, result.ToJsonString());
                return result["data"]![field]!;
            })];

        /// <summary>The leader's ID and <paramref name="userId"/>'s points in a <c>leaderboardUpdated</c> event.</summary>
        private static (string Leader, int Points) Standings(JsonNode standings, string userId) =>
            (standings[0]!["user"]!["id"]!.GetValue<string>(),
                standings.AsArray().Single(entry => entry!["user"]!["id"]!.GetValue<string>() == userId)!["points"]!.GetValue<int>());
    }
}
