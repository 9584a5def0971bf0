using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Net.WebSockets;
using System.Security.Claims;
using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQLServer.Authorization;
using GraphQLServer.Diagnostics;
using GraphQLServer.Execution;
using GraphQLServer.Limits;
using GraphQLServer.Subscriptions;
using Microsoft.AspNetCore.Http.Features.Authentication;
using Microsoft.Extensions.Options;

namespace GraphQLServer.WebSockets;

/// <summary>
/// What both subprotocols share: the connection-init timeout, authentication of the init payload (and the close
/// when the credential expires), keep-alives, the registry of running operations by id, and execution of each
/// operation in a DI scope of its own as the socket's user. Subclasses parse messages and choose the wire shapes.
/// <para>
/// Credential: with an <see cref="ICredentialLifetime"/> registered, the socket is closed with 4403 when the user's
/// credential ends (<see cref="ICredentialLifetime.ValidUntil"/>), and the user is re-checked before every operation,
/// for every subscription event, and whenever the store announces a change for them; once their credential has
/// expired or been revoked (signed out, session revoked, removed) the socket is closed with 4403 too.
/// </para>
/// </summary>
internal abstract partial class GraphQLWebSocketSession<TSchema> : IAsyncDisposable, IKeepAliveTarget
    where TSchema : ISchema
{
    // One socket's handful of operations and tasks: one lock and a small table each, not the defaults sized for
    // thousands of entries (they are held for as long as the socket lives, by every idle subscriber).
    private readonly ConcurrentDictionary<string, ActiveOperation> _operations = new(concurrencyLevel: 1, capacity: 4, StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, bool> _running = new(concurrencyLevel: 1, capacity: 4);
    // Reading HttpContext.User on a request nobody authenticated creates an empty principal that the upgraded request
    // would keep for as long as the socket lives: an unauthenticated socket starts as this one instead.
    private static readonly ClaimsPrincipal Anonymous = new(new ClaimsIdentity());

    private readonly ICredentialLifetime? _credentials;
    private readonly KeepAliveTicker? _keepAlive;
    private IDisposable? _authorityWatch;
    private int _initialised;
    private IAsyncDisposable? _userPlace;
    private ITimer? _expiry;
    private DateTimeOffset _expiresAt;
    private long _unansweredPingSince;

    protected GraphQLWebSocketSession(
        HttpContext http, GraphQLWebSocketConnection connection, GraphQLWebSocketOptions options, KeepAliveTicker? keepAlive, ILogger logger)
    {
        Http = http;
        Connection = connection;
        Options = options;
        _keepAlive = keepAlive;
        Logger = logger;
        User = http.Features.Get<IHttpAuthenticationFeature>()?.User ?? Anonymous;
        _credentials = http.RequestServices.GetService<ICredentialLifetime>();
        Serializer = http.RequestServices.GetRequiredService<IGraphQLTextSerializer>();
        Writer = new OperationMessageWriter(Serializer, http.RequestServices.GetRequiredService<IOptions<GraphQLLimits>>().Value.MaxResponseBytes);
    }

    protected HttpContext Http { get; }

    protected GraphQLWebSocketConnection Connection { get; }

    protected GraphQLWebSocketOptions Options { get; }

    protected ILogger Logger { get; }

    protected IGraphQLTextSerializer Serializer { get; }

    protected OperationMessageWriter Writer { get; }

    /// <summary>The user every operation runs as: the upgrade request's until <c>connection_init</c> authenticates.</summary>
    protected ClaimsPrincipal User { get; private set; }

    /// <summary>Set once <c>connection_ack</c> has been sent.</summary>
    protected bool Acknowledged { get; private set; }

    public async Task RunAsync()
    {
        Track(CloseIfNotInitialisedAsync());
        // Once the socket is closing, nothing more can be delivered: release the event streams right away
        // (off the thread that asked for the close, which may be a publisher inside OnNext).
        using var stopOnClose = Connection.Closing.Register(() => ThreadPool.QueueUserWorkItem(_ => StopAll()));
        await Connection.RunAsync(HandleMessageAsync, HandleBinaryMessageAsync);
    }

    protected abstract Task HandleMessageAsync(ReadOnlyMemory<byte> message);

    protected abstract Task HandleBinaryMessageAsync();

    /// <summary>No <c>connection_init</c> in time.</summary>
    protected abstract void OnInitTimeout();

    /// <summary>
    /// Closes the socket with 4403 Forbidden (the legacy protocol tells the client <paramref name="reason"/> first):
    /// the user's credential expired or their authority was revoked.
    /// </summary>
    protected abstract void CloseForbidden(string reason);

    protected abstract byte[] KeepAliveMessage { get; }

    protected abstract void SendNext(string id, ExecutionResult result);

    /// <summary>The operation failed before execution (parse, validation, operation selection, variables).</summary>
    protected abstract void SendRequestErrors(string id, ExecutionResult result);

    /// <summary>The server completes the operation (the stream ended, or the query's single result was sent).</summary>
    protected abstract void SendComplete(string id);

    /// <summary>Marks the socket initialised; false when it already was (a second <c>connection_init</c>).</summary>
    protected bool TryMarkInitialised() => Interlocked.Exchange(ref _initialised, 1) == 0;

    /// <summary>Authenticates the init payload; on success the socket's user is set and the expiry timer started.</summary>
    protected async Task<WebSocketAuthenticationResult> AuthenticateAsync(JsonElement? payload)
    {
        var authenticator = Http.RequestServices.GetService<IWebSocketAuthenticator>();
        var result = authenticator is null
            ? WebSocketAuthenticationResult.Success(User)
            : await authenticator.AuthenticateAsync(Http, payload, Connection.Closing);
        if (result.User is not null && Http.RequestServices.GetService<CallerLimits>() is { } limits)
        {
            // Admission of the user: the socket holds one of the user's places until it closes.
            var (place, refusal) = await limits.AdmitWebSocketOfAsync(result.User);
            if (refusal is not null)
            {
                return WebSocketAuthenticationResult.Fail(refusal.Message) with { CloseCode = RateLimitRefusal.CloseCode };
            }

            _userPlace = place;
        }

        if (result.User is not null)
        {
            User = result.User;
            if (_credentials?.ValidUntil(User) is { } expiresAt)
            {
                CloseAtExpiry(expiresAt);
            }

            var watch = _credentials?.Watch(User, () => Track(RecheckUserAsync()));
            Interlocked.Exchange(ref _authorityWatch, watch)?.Dispose();
        }

        return result;
    }

    /// <summary>Sends <c>connection_ack</c> (and whatever the protocol sends with it), then starts the keep-alives.</summary>
    protected void Acknowledge(params byte[][] messages)
    {
        foreach (var message in messages)
        {
            Connection.Send(message);
        }

        Acknowledged = true;
        _keepAlive?.Add(this);
    }

    protected bool IsActive(string id) => _operations.ContainsKey(id);

    /// <summary>
    /// Null when the socket may start one more operation, else the RATE_LIMITED result to send for it
    /// (<see cref="GraphQLWebSocketOptions.MaxOperationsPerSocket"/>).
    /// </summary>
    protected ExecutionResult? RefuseOverOperationLimit()
    {
        if (_operations.Count < Options.MaxOperationsPerSocket)
        {
            return null;
        }

        Http.RequestServices.GetRequiredService<LimitMetrics>().Refuse("graphql_operations_per_socket");
        return new RateLimitRefusal(
            "graphql_operations_per_socket",
            $"Too many operations on this socket (at most {Options.MaxOperationsPerSocket} at once); complete one first.",
            TimeSpan.FromSeconds(1)).ToExecutionResult();
    }

    /// <summary>The client answered a keep-alive <c>ping</c>.</summary>
    protected void PongReceived() => Interlocked.Exchange(ref _unansweredPingSince, 0);

    /// <summary>Whether the client must answer each keep-alive (a <c>pong</c> for a <c>ping</c>).</summary>
    protected virtual bool KeepAliveExpectsAnswer => false;

    /// <summary>Registers and starts an operation; false when the id is already running.</summary>
    protected bool TryStartOperation(string id, GraphQLRequest request)
    {
        var operation = new ActiveOperation(id, Http.RequestServices.GetService<GraphQLOperationMetrics>());
        if (!_operations.TryAdd(id, operation))
        {
            return false;
        }

        Track(ExecuteAsync(operation, request));
        return true;
    }

    /// <summary>Stops an operation at the client's request; false when no operation had that id.</summary>
    protected bool StopOperation(string id)
    {
        if (!_operations.TryRemove(id, out var operation))
        {
            return false;
        }

        operation.Stop();
        return true;
    }

    /// <summary>Removes <paramref name="operation"/> if it is still registered; whoever removes it sends its last message.</summary>
    private bool TryFinish(ActiveOperation operation) => _operations.TryRemove(new KeyValuePair<string, ActiveOperation>(operation.Id, operation));

    private async Task ExecuteAsync(ActiveOperation operation, GraphQLRequest request)
    {
        // Each operation gets its own scope: a socket's operations run concurrently, and scoped services
        // (a DbContext, DataLoader caches) must not be shared between them. A subscription's scope ends once its stream
        // exists: every event runs in a scope of its own (ScopedSubscriptionExecutionStrategy).
        var scope = Http.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var streaming = false;
        try
        {
            var user = await CurrentUserAsync(operation.Cancelled);
            if (user is null)
            {
                return;
            }

            var result = await GraphQLExecution.ExecuteAsync<TSchema>(request, user, scope.ServiceProvider, operation.Cancelled);

            if (!IsCurrent(operation))
            {
                return;
            }

            if (!result.Executed)
            {
                if (TryFinish(operation))
                {
                    SendRequestErrors(operation.Id, result);
                }

                return;
            }

            if (result.Streams is { Count: > 0 } streams)
            {
                streaming = operation.Attach(streams.Values.First(), new StreamObserver(this, operation));
                return;
            }

            SendNext(operation.Id, result);
            if (TryFinish(operation))
            {
                SendComplete(operation.Id);
            }
        }
        catch (OperationCanceledException) when (operation.Cancelled.IsCancellationRequested)
        {
            // Stopped by the client or the socket closing: nothing more to send.
        }
        catch (ExecutionError error)
        {
            // The caller's authority could not be read just now (e.g. its store is briefly unavailable): this
            // operation fails with the error, the socket and its other operations carry on.
            if (TryFinish(operation))
            {
                SendRequestErrors(operation.Id, new ExecutionResult(error));
            }
        }
        finally
        {
            if (!streaming)
            {
                operation.Stop();
            }

            await scope.DisposeAsync();
        }
    }

    /// <summary>
    /// The socket's user as the store has it now (and from now on); null, with the socket closed (4403), when their
    /// credential has expired or been revoked.
    /// </summary>
    private async Task<ClaimsPrincipal?> CurrentUserAsync(CancellationToken cancellationToken)
    {
        if (_credentials is null)
        {
            return User;
        }

        var check = await _credentials.CheckAsync(User, cancellationToken);
        switch (check.State)
        {
            case CredentialState.Valid:
                User = check.Principal!;
                return User;
            case CredentialState.Expired:
                CloseExpired();
                return null;
            default:
                CloseRevoked();
                return null;
        }
    }

    /// <summary>Re-reads the user after a change was announced; if it cannot be read now, the next operation or event reads it again.</summary>
    private async Task RecheckUserAsync()
    {
        try
        {
            await CurrentUserAsync(Connection.Closing);
        }
        catch (ExecutionError)
        {
            // Not readable right now (see ExecuteAsync): nothing to close, nothing to send.
        }
    }

    private void CloseRevoked()
    {
        if (!Connection.IsClosing)
        {
            LogAuthorityRevoked(Logger);
            CloseForbidden("The session has ended or its access has changed; sign in again");
        }
    }

    private bool IsCurrent(ActiveOperation operation) =>
        _operations.TryGetValue(operation.Id, out var current) && ReferenceEquals(current, operation);

    private async Task CloseIfNotInitialisedAsync()
    {
        await Task.Delay(Options.ConnectionInitTimeout, Connection.Closing);
        if (!Acknowledged && !Connection.IsClosing)
        {
            OnInitTimeout();
        }
    }

    /// <summary>A one-shot timer (no task or cancellation registration held while the socket is idle), disposed with the session.</summary>
    private void CloseAtExpiry(DateTimeOffset expiresAt)
    {
        _expiresAt = expiresAt;
        var timer = TimeProvider.System.CreateTimer(
            static state => ((GraphQLWebSocketSession<TSchema>)state!).OnExpiryTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Interlocked.Exchange(ref _expiry, timer)?.Dispose();
        OnExpiryTimer();
    }

    private void OnExpiryTimer()
    {
        var delay = _expiresAt - DateTimeOffset.UtcNow;
        if (delay <= TimeSpan.Zero)
        {
            CloseExpired();
            return;
        }

        // A timer takes at most ~49 days; a socket is re-checked that often at the latest.
        var max = TimeSpan.FromMilliseconds(uint.MaxValue - 1);
        Volatile.Read(ref _expiry)?.Change(delay < max ? delay : max, Timeout.InfiniteTimeSpan);
    }

    private void CloseExpired()
    {
        if (!Connection.IsClosing)
        {
            LogCredentialExpired(Logger);
            CloseForbidden("The access token has expired");
        }
    }

    /// <summary>A keep-alive tick (<see cref="KeepAliveTicker"/>): close a client that left the last ping unanswered too long, else send one.</summary>
    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "The shared ticker calls every socket: one socket's fault closes that socket, never the others' keep-alive or the process.")]
    void IKeepAliveTarget.KeepAlive()
    {
        try
        {
            SendKeepAlive();
        }
        catch (Exception ex)
        {
            LogUnexpected(Logger, ex);
            Connection.Close(4500, "Internal server error", discardPending: true);
        }
    }

    private void SendKeepAlive()
    {
        if (Connection.IsClosing)
        {
            return;
        }

        var now = Environment.TickCount64;
        if (KeepAliveExpectsAnswer && Options.PongTimeout is { } pongTimeout)
        {
            var since = Interlocked.CompareExchange(ref _unansweredPingSince, now, 0);
            if (since != 0 && now - since >= pongTimeout.TotalMilliseconds)
            {
                Connection.Close(WebSocketCloseStatus.PolicyViolation, "No pong received in reply to ping");
                return;
            }
        }

        Connection.Send(KeepAliveMessage);
    }

    private void Track(Task task)
    {
        _running.TryAdd(task, true);
        _ = task.ContinueWith(
            static (done, state) =>
            {
                var session = (GraphQLWebSocketSession<TSchema>)state!;
                session._running.TryRemove(done, out _);
                if (done.Exception?.GetBaseException() is { } ex and not OperationCanceledException)
                {
                    LogUnexpected(session.Logger, ex);
                    session.Connection.Close(4500, "Internal server error", discardPending: true);
                }
            },
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void StopAll()
    {
        foreach (var id in _operations.Keys)
        {
            StopOperation(id);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _keepAlive?.Remove(this);
        Interlocked.Exchange(ref _expiry, null)?.Dispose();
        Interlocked.Exchange(ref _authorityWatch, null)?.Dispose();
        StopAll();
        if (_userPlace is not null)
        {
            await _userPlace.DisposeAsync();
        }

        try
        {
            await Task.WhenAll(_running.Keys);
        }
        catch (Exception ex) when (ex is OperationCanceledException || ex is AggregateException)
        {
            // Timers cancelled by the close; faults were logged by Track.
        }
#pragma warning disable CA1031 // Faults of background tasks were already logged by Track; disposal must finish.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Closing a GraphQL WebSocket: the credential it was authenticated with has expired")]
    private static partial void LogCredentialExpired(ILogger logger);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "Closing a GraphQL WebSocket: its user's session has ended or their access has changed")]
    private static partial void LogAuthorityRevoked(ILogger logger);

    [LoggerMessage(EventId = 11, Level = LogLevel.Error, Message = "Unexpected error in a GraphQL WebSocket operation")]
    private static partial void LogUnexpected(ILogger logger, Exception exception);

    /// <summary>Forwards one subscription's events; the stream's end (or failure) completes the operation once.</summary>
    private sealed class StreamObserver(GraphQLWebSocketSession<TSchema> session, ActiveOperation operation) : IObserver<ExecutionResult>
    {
        public void OnNext(ExecutionResult value)
        {
            if (value is AuthorityRevokedResult)
            {
                session.CloseRevoked();
                return;
            }

            if (session.IsCurrent(operation))
            {
                session.SendNext(operation.Id, value);
            }
        }

        public void OnError(Exception error)
        {
            if (session.TryFinish(operation))
            {
                var failure = SubscriptionStreamErrors.ToClientError(error, session.Logger);
                session.SendNext(operation.Id, new ExecutionResult { Errors = [failure] });
                session.SendComplete(operation.Id);
                operation.Stop();
            }
        }

        public void OnCompleted()
        {
            if (session.TryFinish(operation))
            {
                session.SendComplete(operation.Id);
                operation.Stop();
            }
        }
    }
}
