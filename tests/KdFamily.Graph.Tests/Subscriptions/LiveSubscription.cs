using System.Security.Claims;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using GraphQL;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.SchemaRoot;
using KdFamily.Graph.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KdFamily.Graph.Tests.Subscriptions;

/// <summary>
/// A subscription executed directly with <see cref="IDocumentExecuter{TSchema}"/> (no transport), as <c>caller</c>. The
/// request scope is disposed right after subscribing, as a transport's would be, so events must not depend on it.
/// Events (and the stream's end) are queued as serialized JSON.
/// </summary>
public sealed class LiveSubscription : IObserver<ExecutionResult>, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly Channel<JsonObject> _events = Channel.CreateUnbounded<JsonObject>();
    private readonly IGraphQLTextSerializer _serializer;
    private IDisposable? _subscription;

    private LiveSubscription(IGraphQLTextSerializer serializer) => _serializer = serializer;

    /// <summary>Errors of the subscribe request itself (null when the stream started).</summary>
    public JsonNode? Errors { get; private set; }

    /// <summary>Set once the stream ended with an error (OnError).</summary>
    public Exception? StreamError { get; private set; }

    public static Task<LiveSubscription> StartAsync(IServiceProvider services, string operation, object? variables, User? caller) =>
        StartDocumentAsync(services, Operations.Load(operation), variables, caller);

    /// <summary>Starts a subscription written in the test rather than one of schema/operations.</summary>
    public static async Task<LiveSubscription> StartDocumentAsync(IServiceProvider services, string document, object? variables, User? caller)
    {
        var serializer = services.GetRequiredService<IGraphQLTextSerializer>();
        var live = new LiveSubscription(serializer);
        ExecutionResult result;
        await using (var scope = services.CreateAsyncScope())
        {
            result = await scope.ServiceProvider.GetRequiredService<IDocumentExecuter<KdFamilySchema>>().ExecuteAsync(new ExecutionOptions
            {
                Query = document,
                Variables = variables is null ? null : serializer.Deserialize<Inputs>(System.Text.Json.JsonSerializer.Serialize(variables)),
                User = caller is null ? new ClaimsPrincipal(new ClaimsIdentity()) : Principal(services, caller),
                RequestServices = scope.ServiceProvider,
            });
        }

        if (result.Streams is not { Count: 1 } streams)
        {
            live.Errors = JsonNode.Parse(serializer.Serialize(result))!["errors"];
            return live;
        }

        live._subscription = streams.Values.Single().Subscribe(live);
        return live;
    }

    /// <summary>The claims an access token for <paramref name="user"/> carries, for a new live session of theirs.</summary>
    public static ClaimsPrincipal Principal(IServiceProvider services, User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var (_, sessionId) = TestTokens.Session(services, user);
        return new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(KdFamilyClaims.SessionId, sessionId.ToString()),
                new Claim(KdFamilyClaims.UserId, user.Id.ToString()),
                new Claim(KdFamilyClaims.FamilyId, user.FamilyId.ToString()),
                new Claim(KdFamilyClaims.Role, user.Role.ToString().ToUpperInvariant()),
                new Claim(KdFamilyClaims.Username, user.Username),
            ],
            authenticationType: "Bearer"));
    }

    /// <summary>The next event's <c>data.&lt;field&gt;</c> (fails on an event with errors, the stream's end, or after a generous wait).</summary>
    public async Task<JsonNode> NextAsync(string field)
    {
        var next = await NextResultAsync();
        Assert.True(next["errors"] is null && next["data"]?[field] is not null, next.ToJsonString());
        return next["data"]![field]!;
    }

    /// <summary>The next result as sent to a client (data and/or errors).</summary>
    public async Task<JsonObject> NextResultAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        Assert.True(Errors is null, Errors?.ToJsonString());
        return await _events.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>The events delivered so far and not yet read, without waiting for more.</summary>
    public List<JsonObject> Drain()
    {
        Assert.True(Errors is null, Errors?.ToJsonString());
        var queued = new List<JsonObject>();
        while (_events.Reader.TryRead(out var item))
        {
            queued.Add(item);
        }

        return queued;
    }

    /// <summary>Completes when the stream ends (with an error or not), skipping events still queued; returns the events seen meanwhile.</summary>
    public async Task<List<JsonObject>> WaitForEndAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var seen = new List<JsonObject>();
        try
        {
            while (await _events.Reader.WaitToReadAsync(timeout.Token))
            {
                while (_events.Reader.TryRead(out var item))
                {
                    seen.Add(item);
                }
            }
        }
        catch (Exception) when (!timeout.IsCancellationRequested)
        {
            // Ended with an error: StreamError has it.
        }

        return seen;
    }

    public void OnNext(ExecutionResult value) => _events.Writer.TryWrite((JsonObject)JsonNode.Parse(_serializer.Serialize(value))!);

    public void OnError(Exception error)
    {
        StreamError = error;
        _events.Writer.TryComplete(error);
    }

    public void OnCompleted() => _events.Writer.TryComplete();

    public void Dispose() => _subscription?.Dispose();
}
