using System.Text.Json.Nodes;
using GraphQLServer.PubSub;
using KdFamily.Domain.Achievements;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using KdFamily.Graph.LiveUpdates;
using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Graph.Tests.LiveUpdates;
using KdFamily.Graph.Tests.Server.WebSockets;
using KdFamily.Graph.Tests.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KdFamily.Graph.Tests.Subscriptions;

/// <summary>
/// Many subscriptions over real WebSockets (graphql-transport-ws) to one family's approvals: each socket is one session
/// of its user and runs <c>copies</c> of every subscription below, each selecting nested relations. The family (from
/// <see cref="SubscriptionScenario"/>) has two completed tasks assigned to Members[2], who has every achievement
/// already, so each approval sends exactly one event to every subscription.
/// </summary>
public sealed class FanOutSockets : IAsyncDisposable
{
    private const string AssigneeSelection = "assignedTo { id fullName email totalPoints family { name } }";

    /// <summary>Family subscriptions (any member may hold them) and the assignee's own one, by field.</summary>
    private static readonly Dictionary<string, string> FamilyDocuments = new(StringComparer.Ordinal)
    {
        ["taskApproved"] = $"subscription ($familyId: ID!) {{ taskApproved(familyId: $familyId) {{ id status {AssigneeSelection} }} }}",
        ["taskUpdated"] = $"subscription ($familyId: ID!) {{ taskUpdated(familyId: $familyId) {{ id status {AssigneeSelection} }} }}",
        ["pointsAwarded"] = "subscription ($familyId: ID!) { pointsAwarded(familyId: $familyId) { id points user { id fullName email } task { id title } } }",
    };

    private const string NotificationDocument = "subscription { notificationReceived { id kind task { id title assignedTo { fullName } } } }";

    private readonly KdFamilyApiFactory _host;
    private readonly List<(User User, int Copies, WebSocketTestClient Socket)> _sockets = [];

    private FanOutSockets(KdFamilyApiFactory host, FamilySeed seed)
    {
        _host = host;
        Seed = seed;
    }

    public FamilySeed Seed { get; }

    public User Assignee => Seed.Members[2];

    public int Subscriptions => _sockets.Sum(s => s.Copies * Fields(s.User).Count);

    public int Sockets => _sockets.Count;

    /// <summary>Seeds the family and opens one socket per entry of <paramref name="sockets"/> (an index into Members, and copies per field).</summary>
    public static async Task<FanOutSockets> OpenAsync(KdFamilyApiFactory host, params (int Member, int Copies)[] sockets)
    {
        _ = host.KestrelAddress; // before anything else starts the host in memory
        var scenario = new SubscriptionScenario(host);
        var seed = await scenario.SeedAsync(s =>
        {
            SubscriptionScenario.AddTask(s, FamilyTaskStatus.Completed);
            SubscriptionScenario.AddTask(s, FamilyTaskStatus.Completed);
        });
        await scenario.Mutations.DbAsync(async db =>
        {
            var now = TaskMutationClient.Now;
            foreach (var achievementId in await db.Achievements.Select(a => a.Id).ToListAsync())
            {
                db.Add(new UserAchievement { UserId = seed.Members[2].Id, AchievementId = achievementId, Progress = 100, CompletedAt = now, UpdatedAt = now });
            }

            return await db.SaveChangesAsync();
        });

        await host.Services.WaitUntilSessionCacheIsTrustedAsync();
        var fanOut = new FanOutSockets(host, seed);
        foreach (var (member, copies) in sockets)
        {
            await fanOut.OpenSocketAsync(seed.Members[member], copies);
        }

        await fanOut.WaitUntilAllListenAsync();
        return fanOut;
    }

    /// <summary>Approves Tasks[<paramref name="index"/>] as the parent and reads every subscription's event, checking what each subscriber may see.</summary>
    public async Task ApproveAndReceiveAsync(int index)
    {
        var taskId = SubscriptionScenario.TaskId(Seed, index);
        await new SubscriptionScenario(_host).RunAsync("ApproveTask", Seed.Members[1], new { taskId });
        foreach (var (user, copies, socket) in _sockets)
        {
            var expected = Fields(user).ToDictionary(f => f, _ => copies, StringComparer.Ordinal);
            for (var i = copies * expected.Count; i > 0; i--)
            {
                var message = await socket.ReceiveAsync();
                Assert.True(message["type"]!.GetValue<string>() == "next" && message["payload"]!["errors"] is null, message.ToJsonString());
                var field = message["id"]!.GetValue<string>().Split('-')[0];
                expected[field]--;
                AssertEvent(user, field, taskId, message["payload"]!["data"]![field]!);
            }

            Assert.All(expected, e => Assert.True(e.Value == 0, $"{e.Key}: {e.Value} events missing or extra"));
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, _, socket) in _sockets)
        {
            await socket.DisposeAsync();
        }
    }

    private List<string> Fields(User user) =>
        user.Id == Assignee.Id ? [.. FamilyDocuments.Keys, "notificationReceived"] : [.. FamilyDocuments.Keys];

    private async Task OpenSocketAsync(User user, int copies)
    {
        var socket = await WebSocketTestClient.ConnectAsync(ReferenceClientLiveUpdatesTests.WebSocketEndpoint(_host.KestrelAddress), "graphql-transport-ws");
        _sockets.Add((user, copies, socket));
        await socket.SendAsync(new { type = "connection_init", payload = new { authorization = "Bearer " + TestTokens.For(_host.Services, user) } });
        Assert.Equal("connection_ack", (await socket.ReceiveAsync())["type"]!.GetValue<string>());
        var variables = new { familyId = SubscriptionScenario.FamilyId(Seed) };
        for (var copy = 0; copy < copies; copy++)
        {
            foreach (var (field, document) in FamilyDocuments)
            {
                await socket.SendAsync(new { type = "subscribe", id = $"{field}-{copy}", payload = new { query = document, variables } });
            }

            if (user.Id == Assignee.Id)
            {
                await socket.SendAsync(new { type = "subscribe", id = $"notificationReceived-{copy}", payload = new { query = NotificationDocument } });
            }
        }
    }

    /// <summary>Subscribing is asynchronous (graphql-transport-ws has no acknowledgement): wait until the host listens for every one.</summary>
    private async Task WaitUntilAllListenAsync()
    {
        var bus = (RedisTopicBus)_host.Services.GetRequiredService<ITopicEventReceiver>();
        var expected = FamilyDocuments.Keys.ToDictionary(
            field => Topics.Family(Seed.Family.Id, Topic(field)),
            _ => _sockets.Sum(s => s.Copies),
            StringComparer.Ordinal);
        expected[Topics.User(Assignee.Id, Topics.NotificationReceived)] = _sockets.Where(s => s.User.Id == Assignee.Id).Sum(s => s.Copies);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (expected.Any(e => bus.LocalListenerCount(e.Key) != e.Value))
        {
            Assert.True(
                DateTime.UtcNow < deadline,
                "not every subscription started: " + string.Join(", ", expected.Select(e => $"{e.Key} {bus.LocalListenerCount(e.Key)}/{e.Value}")));
            await Task.Delay(50);
        }
    }

    private static string Topic(string field) => field switch
    {
        "taskApproved" => Topics.TaskApproved,
        "taskUpdated" => Topics.TaskUpdated,
        "pointsAwarded" => Topics.PointsAwarded,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };

    /// <summary>The approved task, as this subscriber may see it: the e-mail only for its owner and parents or advisors.</summary>
    private void AssertEvent(User subscriber, string field, string taskId, JsonNode data)
    {
        var assignee = Assignee;
        var email = subscriber.Id == assignee.Id || subscriber.Role >= UserRole.Parent ? assignee.Email : null;
        switch (field)
        {
            case "taskApproved" or "taskUpdated":
                Assert.Equal((taskId, "APPROVED"), (data["id"]!.GetValue<string>(), data["status"]!.GetValue<string>()));
                Assert.Equal(
                    (SubscriptionScenario.UserId(assignee), email, Seed.Family.Name),
                    (data["assignedTo"]!["id"]!.GetValue<string>(), data["assignedTo"]!["email"]?.GetValue<string>(), data["assignedTo"]!["family"]!["name"]!.GetValue<string>()));
                Assert.True(data["assignedTo"]!["totalPoints"]!.GetValue<int>() > 0, data.ToJsonString());
                break;
            case "pointsAwarded":
                Assert.Equal(
                    (taskId, SubscriptionScenario.UserId(assignee), email),
                    (data["task"]!["id"]!.GetValue<string>(), data["user"]!["id"]!.GetValue<string>(), data["user"]!["email"]?.GetValue<string>()));
                break;
            default:
                Assert.Equal((taskId, assignee.FullName), (data["task"]!["id"]!.GetValue<string>(), data["task"]!["assignedTo"]!["fullName"]!.GetValue<string>()));
                break;
        }
    }
}
