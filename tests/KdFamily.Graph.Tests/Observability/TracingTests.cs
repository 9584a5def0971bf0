using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using GraphQLServer.Relay;
using GraphQLServer.Diagnostics;
using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Graph.Tests.Tasks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace KdFamily.Graph.Tests.Observability;

/// <summary>
/// With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set the host traces: each GraphQL operation is a span of the server library
/// (named after the operation, with its type and cost, error status when the answer has errors) under the ASP.NET Core
/// request's span, with Npgsql's spans of the statements it ran beneath it. An in-memory exporter beside the OTLP one
/// (which sends to a closed port) receives what the host exports.
/// </summary>
public sealed class TracingTests(TracingTests.Factory factory) : IClassFixture<TracingTests.Factory>
{
    public sealed class Factory : KdFamilyApiFactory
    {
        public ExportedSpans Exported { get; } = new();

        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
            [new("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:9"), new("OTEL_SERVICE_NAME", "kdfamily-tracing-tests")];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Exported)));
        }
    }

    /// <summary>What the exporter received; it adds from the host's threads while the test reads.</summary>
    public sealed class ExportedSpans : Collection<Activity>
    {
        private readonly Lock _gate = new();

        public IReadOnlyList<Activity> Snapshot()
        {
            lock (_gate)
            {
                return [.. Items];
            }
        }

        protected override void InsertItem(int index, Activity item)
        {
            lock (_gate)
            {
                base.InsertItem(index, item);
            }
        }
    }

    private readonly TaskMutationClient _api = new(factory);

    [Fact]
    public async Task NamedQuery_IsOneSpanWithNameTypeAndCost_UnderTheRequestSpan_WithNpgsqlSpansBeneath()
    {
        var seed = await _api.SeedAsync();
        using var client = factory.CreateClient();

        var answer = await client.PostGraphQLAsync(
            "query TracedFamily { me { id family { id name members { id fullName } } } }", accessToken: _api.TokenFor(seed.Members[2]));

        Assert.True(answer["errors"] is null, answer.ToJsonString());
        var operation = await WaitForOperationSpanAsync("TracedFamily");
        Assert.Equal("query TracedFamily", operation.DisplayName);
        Assert.Equal("query", operation.GetTagItem(GraphQLServerActivitySource.OperationTypeAttribute));
        Assert.True(operation.GetTagItem(GraphQLServerActivitySource.OperationCostAttribute) is int cost && cost > 1, "cost tag: " + operation.GetTagItem(GraphQLServerActivitySource.OperationCostAttribute));
        Assert.Equal(ActivityStatusCode.Unset, operation.Status);

        var request = await WaitForAsync(spans => spans.FirstOrDefault(s => s.SpanId == operation.ParentSpanId), "the request span");
        Assert.Equal("Microsoft.AspNetCore", request.Source.Name);
        Assert.Equal(ActivityKind.Server, request.Kind);
        var statements = factory.Exported.Snapshot().Where(s => s.Source.Name == "Npgsql" && s.ParentSpanId == operation.SpanId).ToList();
        Assert.NotEmpty(statements);
        Assert.All(statements, s => Assert.Equal(operation.TraceId, s.TraceId));
        Assert.Equal("kdfamily-tracing-tests", Resource().Attributes.Single(a => a.Key == "service.name").Value);
    }

    [Fact]
    public async Task OperationWithErrors_SpanHasErrorStatusAndCode_AndTheResponseCarriesItsTraceId()
    {
        using var client = factory.CreateClient();

        var answer = await client.PostGraphQLAsync("query TracedAnonymous { me { id } }");

        var error = answer["errors"]![0]!;
        Assert.Equal("AUTH_NOT_AUTHENTICATED", error["extensions"]!["code"]!.GetValue<string>());
        var operation = await WaitForOperationSpanAsync("TracedAnonymous");
        Assert.Equal(ActivityStatusCode.Error, operation.Status);
        Assert.Equal("AUTH_NOT_AUTHENTICATED", operation.GetTagItem(GraphQLServerActivitySource.ErrorTypeAttribute));
        Assert.Equal(operation.TraceId.ToHexString(), error["extensions"]!["traceId"]!.GetValue<string>());
    }

    [Fact]
    public async Task IncomingTraceparent_TheOperationJoinsTheCallersTrace()
    {
        var traceId = ActivityTraceId.CreateRandom();
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/graphql", UriKind.Relative))
        {
            Content = JsonContent.Create(new { query = "query TracedFromCaller { __typename }" }),
        };
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using var response = await client.SendAsync(request);

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var operation = await WaitForOperationSpanAsync("TracedFromCaller");
        Assert.Equal(traceId, operation.TraceId);
    }

    [Fact]
    public async Task GraphQLRequest_RedisCommandsOfItsLimits_AreSpansOfItsTrace()
    {
        var seed = await _api.SeedAsync();
        using var client = factory.CreateClient();

        await client.PostGraphQLAsync("query TracedWithRedis { me { id } }", accessToken: _api.TokenFor(seed.Members[1]));

        var operation = await WaitForOperationSpanAsync("TracedWithRedis");

        // The instrumentation reads StackExchange.Redis' profiling sessions on a timer (every 10 s by default).
        var redis = await WaitForAsync(
            spans => spans.FirstOrDefault(s => s.Source.Name.Contains("StackExchangeRedis", StringComparison.Ordinal) && s.TraceId == operation.TraceId),
            "a Redis span of the request's trace",
            TimeSpan.FromSeconds(25));
        Assert.Equal(ActivityKind.Client, redis.Kind);
    }

    /// <summary>
    /// A subscription's span carries its cost too, though the subscription lets go of the subscribing operation's
    /// services once its stream exists (its events run in scopes of their own).
    /// </summary>
    [Fact]
    public async Task Subscription_OverWebSocket_SpanCarriesTypeAndCost()
    {
        var seed = await _api.SeedAsync();
        var sockets = factory.Server.CreateWebSocketClient();
        sockets.SubProtocols.Add("graphql-transport-ws");
        using var socket = await sockets.ConnectAsync(new Uri("ws://localhost/graphql"), CancellationToken.None);

        await SendAsync(socket, new { type = "connection_init", payload = new { authorization = "Bearer " + _api.TokenFor(seed.Members[2]) } });
        Assert.Equal("connection_ack", (await ReceiveAsync(socket))["type"]!.GetValue<string>());
        await SendAsync(socket, new
        {
            type = "subscribe",
            id = "1",
            payload = new
            {
                query = "subscription TracedLeaderboard($familyId: ID!) { leaderboardUpdated(familyId: $familyId) { rank points } }",
                variables = new { familyId = GlobalId.Encode("Family", seed.Family.Id) },
            },
        });

        var operation = await WaitForOperationSpanAsync("TracedLeaderboard");
        Assert.Equal("subscription", operation.GetTagItem(GraphQLServerActivitySource.OperationTypeAttribute));
        Assert.True(operation.GetTagItem(GraphQLServerActivitySource.OperationCostAttribute) is int cost && cost >= 1, "cost tag: " + operation.GetTagItem(GraphQLServerActivitySource.OperationCostAttribute));
        Assert.True(
            operation.Status == ActivityStatusCode.Unset,
            $"status {operation.Status}: {operation.StatusDescription} ({operation.GetTagItem(GraphQLServerActivitySource.ErrorTypeAttribute)})");
    }

    private static Task SendAsync(WebSocket socket, object message) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    private static async Task<JsonObject> ReceiveAsync(WebSocket socket)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[16 * 1024];
        var result = await socket.ReceiveAsync(buffer, deadline.Token);
        Assert.True(result.EndOfMessage, "one message fits the buffer");
        return JsonNode.Parse(buffer.AsSpan(0, result.Count))!.AsObject();
    }

    private Resource Resource() => factory.Services.GetRequiredService<TracerProvider>().GetResource();

    private Task<Activity> WaitForOperationSpanAsync(string name) =>
        WaitForAsync(
            spans => spans.FirstOrDefault(s => s.Source.Name == GraphQLServerActivitySource.Name && Equals(s.GetTagItem(GraphQLServerActivitySource.OperationNameAttribute), name)),
            $"the span of {name}");

    /// <summary>Spans are exported when they end, the request's after its response: waits (10 s unless told), then fails.</summary>
    private async Task<Activity> WaitForAsync(Func<IReadOnlyList<Activity>, Activity?> find, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            if (find(factory.Exported.Snapshot()) is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{what} was not exported in time; exported: {string.Join(", ", factory.Exported.Snapshot().Select(s => s.DisplayName))}");
            await Task.Delay(50);
        }
    }
}
