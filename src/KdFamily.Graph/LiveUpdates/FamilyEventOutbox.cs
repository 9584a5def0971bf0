using GraphQLServer.PubSub;
using KdFamily.Application.Events;
using KdFamily.Domain.Notifications;
using KdFamily.Domain.Points;
using KdFamily.Domain.Rewards;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using KdFamily.Graph.Observability;

namespace KdFamily.Graph.LiveUpdates;

/// <summary>
/// The scoped <see cref="IFamilyEvents"/>: collects (topic, message) pairs and sends them to the topic bus on publish,
/// after the commit; the business counters (<see cref="FamilyActivityMetrics"/>) count the same committed events then.
/// </summary>
public sealed class FamilyEventOutbox(ITopicEventSender sender) : IFamilyEvents
{
    // Messages are built at publish time: ids generated on save are final by then.
    private readonly List<Func<Guid, (string Topic, object Message)>> _pending = [];
    private readonly List<Guid> _leaderboardFamilies = [];
    private readonly List<Action> _measurements = [];

    public void TaskCreated(FamilyTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        AddTask(task, Topics.TaskCreated);
        if (task.AssignedToId is not null)
        {
            AddTask(task, Topics.TaskAssigned);
        }

        AddTask(task, Topics.TaskUpdated);
        _measurements.Add(() => FamilyActivityMetrics.TasksCreated.Inc());
    }

    public void TaskChanged(FamilyTask task, string action)
    {
        ArgumentNullException.ThrowIfNull(task);
        var own = action switch
        {
            TaskActions.Assign or TaskActions.Claim => Topics.TaskAssigned,
            TaskActions.Complete => Topics.TaskCompleted,
            TaskActions.Approve => Topics.TaskApproved,
            TaskActions.Delete => Topics.TaskDeleted,
            _ => null,
        };
        if (own is not null)
        {
            AddTask(task, own);
        }

        AddTask(task, Topics.TaskUpdated);
        _measurements.Add(() => FamilyActivityMetrics.TaskChanged(action));
    }

    public void PointsAwarded(PointsTransaction row)
    {
        ArgumentNullException.ThrowIfNull(row);
        _pending.Add(eventId => (Topics.Family(row.FamilyId, Topics.PointsAwarded), new PointsEvent(row.Id, row.FamilyId, eventId)));
        _measurements.Add(() => FamilyActivityMetrics.PointsChanged(row));
        LeaderboardChanged(row.FamilyId);
    }

    public void LeaderboardChanged(Guid familyId)
    {
        if (!_leaderboardFamilies.Contains(familyId))
        {
            _leaderboardFamilies.Add(familyId);
        }
    }

    public void MemberJoined(User member)
    {
        ArgumentNullException.ThrowIfNull(member);
        _pending.Add(eventId => (Topics.Family(member.FamilyId, Topics.MemberJoined), new MemberEvent(member.Id, member.FamilyId, eventId)));
    }

    public void MemberRemoved(User member)
    {
        ArgumentNullException.ThrowIfNull(member);
        _pending.Add(eventId => (Topics.Family(member.FamilyId, Topics.MemberRemoved), new MemberEvent(member.Id, member.FamilyId, eventId)));
    }

    public void AchievementUnlocked(Guid familyId, Guid userId, Guid achievementId) =>
        _pending.Add(eventId => (Topics.Family(familyId, Topics.AchievementUnlocked), new AchievementEvent(userId, achievementId, familyId, eventId)));

    public void RedemptionChanged(Redemption redemption)
    {
        ArgumentNullException.ThrowIfNull(redemption);
        _pending.Add(eventId => (Topics.Family(redemption.FamilyId, Topics.RedemptionUpdated), new RedemptionEvent(redemption.Id, redemption.FamilyId, eventId)));
    }

    public void NotificationSent(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        _pending.Add(eventId => (Topics.User(notification.UserId, Topics.NotificationReceived), new NotificationEvent(notification.Id, notification.UserId, eventId)));
    }

    public async Task PublishAsync()
    {
        // One id for everything this unit of work announces: its events describe one committed state, so their
        // subscribers may share what they load for them (see ILiveEvent).
        var eventId = Guid.CreateVersion7();
        var messages = _pending.Select(build => build(eventId)).ToList();
        messages.AddRange(_leaderboardFamilies.Select(familyId => (Topics.Family(familyId, Topics.LeaderboardUpdated), (object)new LeaderboardEvent(familyId, eventId))));
        foreach (var measure in _measurements)
        {
            measure();
        }

        Discard();

        // The change is committed: a cancelled request must not cancel its announcement.
        foreach (var (topic, message) in messages)
        {
            await (message switch
            {
                TaskEvent e => sender.SendAsync(topic, e, CancellationToken.None),
                PointsEvent e => sender.SendAsync(topic, e, CancellationToken.None),
                LeaderboardEvent e => sender.SendAsync(topic, e, CancellationToken.None),
                MemberEvent e => sender.SendAsync(topic, e, CancellationToken.None),
                AchievementEvent e => sender.SendAsync(topic, e, CancellationToken.None),
                NotificationEvent e => sender.SendAsync(topic, e, CancellationToken.None),
                RedemptionEvent e => sender.SendAsync(topic, e, CancellationToken.None),
                _ => throw new InvalidOperationException($"Unknown event {message.GetType().Name}."),
            });
        }
    }

    public void Discard()
    {
        _pending.Clear();
        _leaderboardFamilies.Clear();
        _measurements.Clear();
    }

    private void AddTask(FamilyTask task, string name) =>
        _pending.Add(eventId => (Topics.Family(task.FamilyId, name), new TaskEvent(task.Id, task.FamilyId, eventId)));
}
