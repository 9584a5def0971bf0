using System.Text.Json.Nodes;
using GraphQLServer.Relay;
using KdFamily.Domain.Jobs;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using KdFamily.Graph.Jobs;
using KdFamily.Graph.LiveUpdates;
using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Graph.Tests.Server.WebSockets;
using KdFamily.Graph.Tests.Tasks;
using KdFamily.Testing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace KdFamily.Graph.Tests.LiveUpdates;

/// <summary>
/// The daily loop's notifications and task changes as a client receives them: graphql-transport-ws sockets on the real
/// host, the reminder job run against the real clock, a completion by the assignee.
/// </summary>
public sealed class DailyLoopLiveUpdatesTests : IClassFixture<KestrelApiFactory>
{
    private static readonly string OnNotificationReceived = Operations.Load("OnNotificationReceived");
    private static readonly string OnTaskUpdated = Operations.Load("OnTaskUpdated");

    private readonly KestrelApiFactory _host;
    private readonly ApprovalFlow _flow;

    public DailyLoopLiveUpdatesTests(KestrelApiFactory host)
    {
        _host = host;
        _ = host.Address;
        _flow = new ApprovalFlow(host);
    }

    [Fact]
    public async Task Reminders_ArriveOverNotificationReceived_AndTheOverdueTaskOverTaskUpdated()
    {
        var now = SystemClock.Instance.GetCurrentInstant();
        FamilyTask dueSoon = null!, overdue = null!;
        var seed = await _flow.Api.SeedAsync(s =>
        {
            dueSoon = s.AddTask("Homework", FamilyTaskStatus.InProgress, s.Members[2], 10, now + Duration.FromMinutes(60), now - Duration.FromDays(1));
            overdue = s.AddTask("Dishes", FamilyTaskStatus.Pending, s.Members[2], 10, now - Duration.FromMinutes(5), now - Duration.FromDays(1));
        });
        var assignee = seed.Members[2];
        await using var socket = await ConnectAsync(assignee);
        await socket.SendAsync(Subscribe("notifications", OnNotificationReceived, null));
        await socket.SendAsync(Subscribe("tasks", OnTaskUpdated, new { familyId = ApprovalFlow.FamilyId(seed) }));
        await _host.Services.WaitForRedisSubscriberAsync(Topics.User(assignee.Id, Topics.NotificationReceived));
        await _host.Services.WaitForRedisSubscriberAsync(Topics.Family(seed.Family.Id, Topics.TaskUpdated));

        var failures = new List<JobItemFailure>();
        await _host.Services.GetRequiredService<TaskReminderJob>().RunAsync(SystemClock.Instance.GetCurrentInstant(), failures, CancellationToken.None);
        Assert.Empty(failures);

        var received = await ReceiveAsync(socket, messages =>
            messages.Count(m => m.Id == "notifications") >= 2 && messages.Any(m => m.Id == "tasks"));
        var notifications = received.Where(m => m.Id == "notifications").Select(m => m.Data["notificationReceived"]!).ToList();
        Assert.Equal(
            [("TASK_DUE_SOON", TaskId(dueSoon)), ("TASK_OVERDUE", TaskId(overdue))],
            notifications.Select(n => (n["kind"]!.GetValue<string>(), n["task"]!["id"]!.GetValue<string>())).Order());
        var updated = Assert.Single(received, m => m.Id == "tasks").Data["taskUpdated"]!;
        Assert.Equal((TaskId(overdue), true), (updated["id"]!.GetValue<string>(), updated["isOverdue"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task CompletedTask_ReachesEveryParentButNotTheAssignee_AsTaskAwaitingApproval()
    {
        var now = SystemClock.Instance.GetCurrentInstant();
        FamilyTask task = null!;
        var seed = await _flow.Api.SeedAsync(s => task = s.AddTask("Lawn", FamilyTaskStatus.InProgress, s.Members[2], 10, null, now - Duration.FromHours(1)));
        var (advisor, parent, assignee) = (seed.Members[0], seed.Members[1], seed.Members[2]);
        await using var advisorSocket = await ConnectAsync(advisor);
        await using var parentSocket = await ConnectAsync(parent);
        await using var assigneeSocket = await ConnectAsync(assignee);
        foreach (var (socket, user) in new[] { (advisorSocket, advisor), (parentSocket, parent), (assigneeSocket, assignee) })
        {
            await socket.SendAsync(Subscribe("notifications", OnNotificationReceived, null));
            await _host.Services.WaitForRedisSubscriberAsync(Topics.User(user.Id, Topics.NotificationReceived));
        }

        var completed = await _flow.Api.RunAsync("CompleteTask", assignee, new { taskId = TaskId(task) });
        Assert.True(completed["errors"] is null or JsonArray { Count: 0 }, completed.ToJsonString());

        foreach (var socket in new[] { advisorSocket, parentSocket })
        {
            var notification = Assert.Single(await ReceiveAsync(socket, messages => messages.Count > 0)).Data["notificationReceived"]!;
            Assert.Equal(("TASK_AWAITING_APPROVAL", TaskId(task)), (notification["kind"]!.GetValue<string>(), notification["task"]!["id"]!.GetValue<string>()));
        }

        // The assignee is told nothing of their own completion: a ping answered after the parents' notifications
        // arrived shows nothing was queued before it.
        await assigneeSocket.SendAsync(new { type = "ping" });
        Assert.Equal("pong", (await assigneeSocket.ReceiveAsync())["type"]!.GetValue<string>());
    }

    private static string TaskId(FamilyTask task) => GlobalId.Encode("Task", task.Id);

    private static object Subscribe(string id, string query, object? variables) =>
        new { type = "subscribe", id, payload = new { query, variables } };

    private Task<WebSocketTestClient> ConnectAsync(User user) =>
        WebSocketTestClient.ConnectAcknowledgedAsync(ReferenceClientLiveUpdatesTests.WebSocketEndpoint(_host.Address), _flow.TokenFor(user));

    /// <summary>Reads `next` messages until <paramref name="enough"/> holds (each read fails after the client's receive timeout).</summary>
    private static async Task<List<(string Id, JsonNode Data)>> ReceiveAsync(WebSocketTestClient socket, Func<List<(string Id, JsonNode Data)>, bool> enough)
    {
        var messages = new List<(string Id, JsonNode Data)>();
        while (!enough(messages))
        {
            var message = await socket.ReceiveAsync();
            Assert.True(message["type"]!.GetValue<string>() == "next" && message["payload"]!["errors"] is null, message.ToJsonString());
            messages.Add((message["id"]!.GetValue<string>(), message["payload"]!["data"]!));
        }

        return messages;
    }
}
