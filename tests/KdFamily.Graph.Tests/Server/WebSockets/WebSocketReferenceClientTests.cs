using System.Text.Json.Nodes;
using KdFamily.Testing;
using static KdFamily.Graph.Tests.Server.WebSockets.GraphQLTransportWsTests;

namespace KdFamily.Graph.Tests.Server.WebSockets;

/// <summary>The npm reference clients (graphql-ws 6, subscriptions-transport-ws 0.11) against the transports, with events published in between.</summary>
public sealed class WebSocketReferenceClientTests : IClassFixture<WebSocketTestHost>
{
    private readonly WebSocketTestHost _host;

    public WebSocketReferenceClientTests(WebSocketTestHost host) => _host = host;

    [Theory]
    [InlineData("ws-client.mjs")]
    [InlineData("legacy-ws-client.mjs")]
    public async Task ReferenceClient_Subscription_ReceivesPublishedEventsThenComplete(string script)
    {
        var topic = NewTopic();
        var run = NodeScript.RunAsync(script, _host.Endpoint.ToString(), EventsQuery(topic));
        await WaitForSubscriberOrExitAsync(topic, run);

        _host.Events.Publish(topic, "alpha");
        _host.Events.Publish(topic, "beta");
        _host.Events.Complete(topic);

        var result = await run;
        Assert.True(result.ExitCode == 0, result.Describe());
        var events = Lines(result);
        var values = events.Where(e => Event(e) == "next").Select(e => e["payload"]!["data"]!["events"]!.GetValue<string>()).ToList();
        Assert.True(values.SequenceEqual(["alpha", "beta"]), result.Describe());
        Assert.True(events.Any(e => Event(e) == "complete"), result.Describe());
    }

    [Theory]
    [InlineData("ws-client.mjs")]
    [InlineData("legacy-ws-client.mjs")]
    public async Task ReferenceClient_QueryWithToken_RunsAsTheTokensUser(string script)
    {
        var token = WebSocketTestHost.IssueToken("erin", TimeSpan.FromHours(1));

        var result = await NodeScript.RunAsync(script, _host.Endpoint.ToString(), "{ whoami }", "{}", token);

        Assert.True(result.ExitCode == 0, result.Describe());
        var next = Lines(result).Single(e => Event(e) == "next");
        Assert.Equal("erin", next["payload"]!["data"]!["whoami"]!.GetValue<string>());
        Assert.Contains(Lines(result), e => Event(e) == "complete");
    }

    [Theory]
    [InlineData("ws-client.mjs")]
    [InlineData("legacy-ws-client.mjs")]
    public async Task ReferenceClient_InvalidDocument_GetsGraphQLErrors(string script)
    {
        var result = await NodeScript.RunAsync(script, _host.Endpoint.ToString(), "{ nope }");

        Assert.True(result.ExitCode == 0, result.Describe());
        var error = Lines(result).Single(e => Event(e) == "error");
        Assert.Contains("nope", error["error"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GraphQLWsClient_InvalidToken_IsClosedWith4403()
    {
        var result = await NodeScript.RunAsync("ws-client.mjs", _host.Endpoint.ToString(), "{ hello }", "{}", "not-a-jwt");

        Assert.True(result.ExitCode == 0, result.Describe());
        var closed = Lines(result).First(e => Event(e) == "closed");
        Assert.Equal(4403, closed["code"]!.GetValue<int>());
    }

    private async Task WaitForSubscriberOrExitAsync(string topic, Task<NodeResult> run)
    {
        var subscribed = _host.Events.WaitForSubscribersAsync(topic, 1);
        if (await Task.WhenAny(subscribed, run) == run)
        {
            Assert.Fail("The client ended before subscribing.\n" + (await run).Describe());
        }

        await subscribed;
    }

    internal static List<JsonObject> Lines(NodeResult result) =>
        result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => JsonNode.Parse(line)!.AsObject())
            .ToList();

    internal static string Event(JsonObject line) => line["event"]!.GetValue<string>();
}
