using KdFamily.Graph.Tests.Auth;
using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Graph.Tests.Server.WebSockets;
using KdFamily.Testing;

namespace KdFamily.Graph.Tests.Observability;

/// <summary>
/// /metrics counts what the family does: tasks created, completed and approved, points awarded by kind, subscriptions
/// streaming now, and GraphQL operations by name, type and outcome with their durations. A fresh process, so every
/// value is exact (prometheus-net's registry is process-wide) and every series is there at 0 before anything happens.
/// </summary>
public sealed class BusinessMetricsTests
{
    [Fact]
    public async Task TaskWorkflowAndSubscription_AreCountedInMetrics()
    {
        await using var host = await HostProcess.StartAsync(TestServers.Redis.ConnectionString);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        var fresh = await KdFamilyApiFactory.GetMetricsAsync(http);
        foreach (var series in new[] { "kdfamily_tasks_created_total", "kdfamily_tasks_completed_total", "kdfamily_tasks_approved_total", "kdfamily_points_deducted_total" })
        {
            Assert.Equal(0, PrometheusText.Value(fresh, series));
        }

        Assert.Equal(0, PrometheusText.Value(fresh, "kdfamily_points_awarded_total", "kind=\"task\""));
        Assert.Equal(0, PrometheusText.Value(fresh, "kdfamily_graphql_subscriptions_active", "transport=\"websocket\""));
        Assert.Equal(0, PrometheusText.Value(fresh, "kdfamily_graphql_subscriptions_active", "transport=\"sse\""));

        var advisor = await http.RegisterAsync(AuthApiClient.NewName("bm"));
        var advisorToken = advisor.Str("accessToken");
        var family = await http.PostGraphQLAsync("query InviteCode { me { family { inviteCode } } }", accessToken: advisorToken);
        var member = await http.RegisterAsync(AuthApiClient.NewName("bm"), family["data"]!["me"]!["family"]!.Str("inviteCode"));
        var memberToken = member.Str("accessToken");

        var created = await http.PostGraphQLAsync(
            "mutation CreateCounted($input: CreateTaskInput!) { createTask(input: $input) { task { id } } }",
            new { input = new { title = "Counted", points = 7, assignedToId = member["user"]!.Str("id") } }, advisorToken);
        var taskId = created["data"]!["createTask"]!["task"]!.Str("id");
        await http.PostGraphQLAsync("mutation { startTask(input: {taskId: \"" + taskId + "\"}) { task { id } } }", accessToken: memberToken);
        await http.PostGraphQLAsync("mutation { completeTask(input: {taskId: \"" + taskId + "\"}) { task { id } } }", accessToken: memberToken);
        var approved = await http.PostGraphQLAsync(
            "mutation { approveTask(input: {taskId: \"" + taskId + "\", bonusPoints: 3}) { task { status } } }", accessToken: advisorToken);
        Assert.Equal("APPROVED", approved["data"]!["approveTask"]!["task"]!.Str("status"));
        await http.PostGraphQLAsync("query Refused { me { noSuchField } }", accessToken: memberToken);

        await using var socket = await WebSocketTestClient.ConnectAsync(
            new Uri(host.WebSocketEndpoint.ToString()), "graphql-transport-ws");
        await socket.SendAsync(new { type = "connection_init", payload = new { authorization = "Bearer " + memberToken } });
        Assert.Equal("connection_ack", (await socket.ReceiveAsync())["type"]!.GetValue<string>());
        await socket.SendAsync(new
        {
            type = "subscribe",
            id = "1",
            payload = new { query = "subscription Watching($f: ID!) { taskUpdated(familyId: $f) { id } }", variables = new { f = advisor["user"]!.Str("familyId") } },
        });

        var metrics = await WaitForMetricsAsync(http, text => PrometheusText.Value(text, "kdfamily_graphql_subscriptions_active", "transport=\"websocket\"") == 1);
        Assert.Equal(1, PrometheusText.Value(metrics, "kdfamily_tasks_created_total"));
        Assert.Equal(1, PrometheusText.Value(metrics, "kdfamily_tasks_completed_total"));
        Assert.Equal(1, PrometheusText.Value(metrics, "kdfamily_tasks_approved_total"));
        Assert.Equal(7, PrometheusText.Value(metrics, "kdfamily_points_awarded_total", "kind=\"task\""));
        Assert.Equal(3, PrometheusText.Value(metrics, "kdfamily_points_awarded_total", "kind=\"approval_bonus\""));
        Assert.Equal(1, PrometheusText.Value(metrics, "kdfamily_graphql_operations_total", "operation=\"CreateCounted\"", "type=\"mutation\"", "outcome=\"success\""));
        Assert.Equal(1, PrometheusText.Value(metrics, "kdfamily_graphql_operations_total", "operation=\"Refused\"", "outcome=\"rejected\""));
        Assert.Equal(1, PrometheusText.Value(metrics, "kdfamily_graphql_operation_duration_seconds_count", "operation=\"CreateCounted\"", "type=\"mutation\""));
        Assert.Equal(1, PrometheusText.Value(metrics, "kdfamily_graphql_operation_duration_seconds_count", "operation=\"Watching\"", "type=\"subscription\""));

        await socket.SendAsync(new { type = "complete", id = "1" });
        await WaitForMetricsAsync(http, text => PrometheusText.Value(text, "kdfamily_graphql_subscriptions_active", "transport=\"websocket\"") == 0);
    }

    /// <summary>Reads /metrics until <paramref name="ready"/> holds (at most 10 s, then fails with the last text).</summary>
    private static async Task<string> WaitForMetricsAsync(HttpClient http, Func<string, bool> ready)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var text = await KdFamilyApiFactory.GetMetricsAsync(http);
            if (ready(text))
            {
                return text;
            }

            Assert.True(DateTime.UtcNow < deadline, "/metrics did not get there within 10 s:\n" + text);
            await Task.Delay(100);
        }
    }
}
