using System.Buffers;
using System.Net.WebSockets;
using System.Text;

namespace GraphQLServer.WebSockets;

/// <summary>
/// One accepted WebSocket: a single writer loop draining an outgoing queue bounded in bytes and messages (SendAsync must not run
/// concurrently), a reader loop handing complete text messages to the protocol, and an orderly close that is
/// bounded by <see cref="GraphQLWebSocketOptions.CloseTimeout"/> and falls back to aborting the socket.
/// <para>
/// Most sockets sit idle between events, so an idle one holds as little as possible: the writer loop runs only while
/// messages wait (started by the first, ended when the queue is empty), the queue exists only while it has messages,
/// and the reader waits with no buffer and no cancellation registration (the close timeout aborts the socket instead).
/// </para>
/// </summary>
internal sealed partial class GraphQLWebSocketConnection : IDisposable
{
    /// <summary>1008 Policy Violation: the client did not read its messages fast enough.</summary>
    public const string SlowConsumerReason = "Outgoing message queue is full: the client is not reading";

    private readonly WebSocket _socket;
    private readonly GraphQLWebSocketOptions _options;
    private readonly GraphQLWebSocketMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _closing = new();
    private Queue<byte[]>? _outgoing;
    private bool _writing;
    private Task _writer = Task.CompletedTask;
    private ITimer? _abortTimer;
    private long _queuedBytes;
    private int _closeRequested;
    private WebSocketCloseStatus _closeStatus = WebSocketCloseStatus.NormalClosure;
    private string _closeReason = "";

    public GraphQLWebSocketConnection(WebSocket socket, GraphQLWebSocketOptions options, GraphQLWebSocketMetrics metrics, ILogger logger)
    {
        _socket = socket;
        _options = options;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>Cancelled once a close has been requested (by either side): timers and operations stop then.</summary>
    public CancellationToken Closing => _closing.Token;

    public bool IsClosing => Volatile.Read(ref _closeRequested) != 0;

    /// <summary>
    /// Queues a UTF-8 JSON text message without blocking. A full queue (more than
    /// <see cref="GraphQLWebSocketOptions.OutgoingQueueMaxBytes"/> bytes or
    /// <see cref="GraphQLWebSocketOptions.OutgoingQueueCapacity"/> messages not yet sent) means the client stopped
    /// reading: the socket is closed with 1008, the queued messages are dropped, and the disconnect is counted once.
    /// </summary>
    public bool Send(byte[] message)
    {
        int waiting;
        long queued;
        lock (_gate)
        {
            if (IsClosing)
            {
                return false;
            }

            waiting = _outgoing?.Count ?? 0;
            queued = _queuedBytes + message.Length;
            // A message bigger than the budget still goes out when nothing else waits: any result the response size limit
            // allows can be delivered, and a socket never holds more than the budget or that one message.
            var withinBudget = queued <= _options.OutgoingQueueMaxBytes || queued == message.Length;
            if (withinBudget && waiting < _options.OutgoingQueueCapacity)
            {
                (_outgoing ??= new Queue<byte[]>(2)).Enqueue(message);
                _queuedBytes = queued;
                StartWritingIfIdle();
                waiting++;
            }
            else
            {
                waiting = -1;
            }
        }

        if (waiting > 0)
        {
            _metrics.ObserveQueue(waiting, queued);
            return true;
        }

        waiting = _outgoing?.Count ?? 0;
        if (TryClose(WebSocketCloseStatus.PolicyViolation, SlowConsumerReason, discardPending: true))
        {
            // Only the sender whose message found the queue full first gets here, however many were racing.
            _metrics.SlowConsumerDisconnected();
            LogSlowConsumer(_logger, queued - message.Length, waiting, _options.OutgoingQueueMaxBytes, _options.OutgoingQueueCapacity);
        }

        return false;
    }

    /// <summary>
    /// Asks for the socket to be closed with <paramref name="code"/> once the queued messages are sent (or at once,
    /// dropping them, with <paramref name="discardPending"/>). Only the first request counts.
    /// </summary>
    public void Close(int code, string reason, bool discardPending = false) => TryClose((WebSocketCloseStatus)code, reason, discardPending);

    public void Close(WebSocketCloseStatus status, string reason, bool discardPending = false) => TryClose(status, reason, discardPending);

    /// <summary>Requests the close; false when a close was already requested (by this side or the client).</summary>
    private bool TryClose(WebSocketCloseStatus status, string reason, bool discardPending)
    {
        lock (_gate)
        {
            if (Interlocked.Exchange(ref _closeRequested, 1) != 0)
            {
                return false;
            }

            _closeStatus = status;
            _closeReason = Truncate(reason);
            if (discardPending)
            {
                _outgoing = null;
                _queuedBytes = 0;
            }

            // Whatever happens next (a client that never reads, never answers the close), the socket is gone by then.
            _abortTimer = TimeProvider.System.CreateTimer(
                static socket => ((WebSocket)socket!).Abort(), _socket, _options.CloseTimeout, Timeout.InfiniteTimeSpan);
            // The writer sends what is queued, then the close frame.
            StartWritingIfIdle();
        }

        _closing.Cancel();
        return true;
    }

    // Under the lock.
    private void StartWritingIfIdle()
    {
        if (!_writing)
        {
            _writing = true;
            _writer = Task.Run(RunWriterAsync);
        }
    }

    /// <summary>Runs the reader and the writer until the socket is closed; <paramref name="onMessage"/> gets each text message.</summary>
    public async Task RunAsync(Func<ReadOnlyMemory<byte>, Task> onMessage, Func<Task> onBinaryMessage)
    {
        try
        {
            await RunReaderAsync(onMessage, onBinaryMessage);
        }
        finally
        {
            Close(WebSocketCloseStatus.NormalClosure, "", discardPending: true);
            Task writer;
            lock (_gate)
            {
                // Once the close is requested, the writer running now is the last one: it ends with the close frame.
                writer = _writer;
            }

            await writer;
            if (_socket.State != WebSocketState.Closed)
            {
                _socket.Abort();
            }
        }
    }

    private async Task RunReaderAsync(Func<ReadOnlyMemory<byte>, Task> onMessage, Func<Task> onBinaryMessage)
    {
        try
        {
            while (true)
            {
                // Wait for the next frame with no buffer: most sockets sit idle between events, and an idle socket
                // should hold no memory of its own for reading. A buffer is rented only while a message arrives.
                var result = await _socket.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    // The client closes: echo its code (graphql-ws clients close with 1000).
                    Close(_socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, _socket.CloseStatusDescription ?? "", discardPending: true);
                    return;
                }

                var message = new PooledBuffer();
                try
                {
                    while (!result.EndOfMessage)
                    {
                        result = await _socket.ReceiveAsync(message.GetMemory(), CancellationToken.None);
                        message.Advance(result.Count);
                        if (message.Length > _options.MaxMessageSize)
                        {
                            Close(WebSocketCloseStatus.MessageTooBig, $"Messages are limited to {_options.MaxMessageSize} bytes", discardPending: true);
                            message.Dispose();
                            await DrainUntilClosedAsync();
                            return;
                        }

                        if (result.MessageType == WebSocketMessageType.Close)
                        {
                            Close(_socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, _socket.CloseStatusDescription ?? "", discardPending: true);
                            return;
                        }
                    }

                    if (!IsClosing)
                    {
                        var text = result.MessageType == WebSocketMessageType.Text;
                        var bytes = message.WrittenMemory;
                        await HandleAsync(() => text ? onMessage(bytes) : onBinaryMessage());
                    }
                }
                finally
                {
                    message.Dispose();
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            // The client went away, or the close handshake timed out and the socket was aborted.
            Close(WebSocketCloseStatus.EndpointUnavailable, "", discardPending: true);
        }
    }

    private async Task HandleAsync(Func<Task> handle)
    {
        try
        {
            await handle();
        }
#pragma warning disable CA1031 // A fault in one message's handling closes this socket with 4500; it must not escape into Kestrel.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogUnexpected(_logger, ex);
            Close(4500, "Internal server error", discardPending: true);
        }
    }

    /// <summary>One incoming message's bytes, in arrays rented from the shared pool and returned when it is handled.</summary>
    private struct PooledBuffer : IDisposable
    {
        private const int ChunkSize = 4096;
        private byte[]? _array;

        public int Length { get; private set; }

        public readonly ReadOnlyMemory<byte> WrittenMemory => _array is null ? ReadOnlyMemory<byte>.Empty : _array.AsMemory(0, Length);

        public Memory<byte> GetMemory()
        {
            if (_array is null)
            {
                _array = ArrayPool<byte>.Shared.Rent(ChunkSize);
            }
            else if (_array.Length - Length < ChunkSize / 4)
            {
                var larger = ArrayPool<byte>.Shared.Rent(_array.Length * 2);
                _array.AsSpan(0, Length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_array);
                _array = larger;
            }

            return _array.AsMemory(Length);
        }

        public void Advance(int count) => Length += count;

        public void Dispose()
        {
            if (_array is not null)
            {
                ArrayPool<byte>.Shared.Return(_array);
                _array = null;
            }
        }
    }

    private async Task DrainUntilClosedAsync()
    {
        var scratch = new byte[4096];
        while (true)
        {
            var result = await _socket.ReceiveAsync(scratch.AsMemory(), CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }
        }
    }

    private async Task RunWriterAsync()
    {
        try
        {
            while (true)
            {
                byte[] message;
                lock (_gate)
                {
                    if (_outgoing is { Count: > 0 } outgoing)
                    {
                        message = outgoing.Dequeue();
                        if (outgoing.Count == 0)
                        {
                            _outgoing = null;
                        }
                    }
                    else if (IsClosing)
                    {
                        break;
                    }
                    else
                    {
                        _writing = false;
                        return;
                    }
                }

                await _socket.SendAsync(message.AsMemory(), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
                lock (_gate)
                {
                    _queuedBytes = Math.Max(0, _queuedBytes - message.Length);
                }
            }

            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync(_closeStatus, _closeReason, CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            Close(WebSocketCloseStatus.EndpointUnavailable, "", discardPending: true);
            _socket.Abort();
        }
    }

    private static string Truncate(string reason)
    {
        // A close frame's reason is at most 123 bytes of UTF-8.
        if (Encoding.UTF8.GetByteCount(reason) <= 123)
        {
            return reason;
        }

        var length = Math.Min(reason.Length, 123);
        while (Encoding.UTF8.GetByteCount(reason.AsSpan(0, length)) > 123)
        {
            length--;
        }

        return reason[..length];
    }

    public void Dispose()
    {
        _abortTimer?.Dispose();
        _closing.Dispose();
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Closing a GraphQL WebSocket: the client is not reading; {QueuedBytes} bytes in {QueuedMessages} messages wait for it (limits: {MaxBytes} bytes, {Capacity} messages)")]
    private static partial void LogSlowConsumer(ILogger logger, long queuedBytes, int queuedMessages, int maxBytes, int capacity);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Unexpected error while handling a GraphQL WebSocket message")]
    private static partial void LogUnexpected(ILogger logger, Exception exception);
}
