using System.Threading.Channels;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQLServer.Authorization;
using GraphQLServer.Diagnostics;
using GraphQLServer.Execution;
using GraphQLServer.Http;
using GraphQLServer.Limits;
using GraphQLServer.Shutdown;
using GraphQLServer.Subscriptions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace GraphQLServer.Sse;

/// <summary>
/// graphql-sse, distinct connections mode: a GraphQL-over-HTTP request (POST JSON or GET) that accepts
/// <c>text/event-stream</c> is answered with an event stream. Queries and mutations get one <c>next</c> and a
/// <c>complete</c>; a subscription gets a <c>next</c> per event until its source ends (<c>complete</c>), the
/// client disconnects, the host stops, or, with an <see cref="ICredentialLifetime"/> registered, the caller's
/// credential expires or is revoked (<c>complete</c>; every event and every announced change re-checks it).
/// <para>
/// As in the graphql-sse reference server, problems that make the request unusable stay plain JSON responses:
/// a document that does not parse or names no runnable operation (400) and a mutation over GET (405,
/// <c>Allow: POST</c>). Validation and variable errors after that are reported in the stream as a <c>next</c>
/// carrying <c>{errors}</c>, then <c>complete</c>.
/// </para>
/// <para>
/// Backpressure: events travel from the source to the writer through a bounded channel of
/// <see cref="SseOptions.MaxBufferedEvents"/>; when it is full the stream is cut (connection aborted, no
/// <c>complete</c>, so the client knows to resubscribe). Every write is bounded by <see cref="SseOptions.WriteTimeout"/>;
/// a stalled write aborts the connection too. Memory per stream is therefore bounded by the channel, Kestrel's
/// response buffer and one serialized event.
/// </para>
/// </summary>
public static partial class SseResponder
{
    public const string EventStreamMediaType = GraphQLMediaTypes.EventStream;

    /// <summary>Executes <paramref name="request"/> and answers it as an event stream (or a plain JSON refusal).</summary>
    public static async Task RespondAsync<TSchema>(HttpContext http, GraphQLRequest request, SseOptions options)
        where TSchema : ISchema
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        var services = http.RequestServices;
        var serializer = services.GetRequiredService<IGraphQLTextSerializer>();
        var isGet = HttpMethods.IsGet(http.Request.Method);

        var result = await GraphQLExecution.ExecuteAsync<TSchema>(
            request, http.User, services, http.RequestAborted, isGet ? NoMutationOverGetRule.Instance : null);
        await RespondAsync(http, result, options);
    }

    /// <summary>
    /// Answers an executed request as an event stream (or a plain JSON refusal); the transport rule of a GET must have
    /// been <see cref="NoMutationOverGetRule"/>.
    /// </summary>
    public static async Task RespondAsync(HttpContext http, ExecutionResult result, SseOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(options);
        var services = http.RequestServices;
        var serializer = services.GetRequiredService<IGraphQLTextSerializer>();
        if (result.Errors?.Any(e => e is OperationNotAllowedOverGetError) == true)
        {
            http.Response.Headers.Allow = HttpMethods.Post;
            await WriteJsonAsync(http, serializer, StatusCodes.Status405MethodNotAllowed, result);
            return;
        }

        if (result.Errors?.Any(IsUnusableDocument) == true)
        {
            await WriteJsonAsync(http, serializer, StatusCodes.Status400BadRequest, result);
            return;
        }

        var writer = StartEventStream(http, options);
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger(typeof(SseResponder).FullName!);
        try
        {
            await writer.WriteKeepAliveAsync();
            var stream = result.Streams?.Values.FirstOrDefault();
            if (stream is null)
            {
                await writer.WriteNextAsync(ResponseSizeLimit.Serialize(serializer, result, MaxResponseBytes(http)));
                await writer.WriteCompleteAsync();
                return;
            }

            await PumpAsync(http, stream, writer, serializer, options, logger);
        }
        catch (OperationCanceledException) when (!http.RequestAborted.IsCancellationRequested)
        {
            // A write stalled past the write timeout: the client is not reading. Drop the connection.
            if (logger is not null)
            {
                LogWriteStalled(logger, options.WriteTimeout);
            }

            http.Abort();
        }
        catch (OperationCanceledException)
        {
            // The client went away; nothing left to tell it.
        }
    }

    private static int MaxResponseBytes(HttpContext http) =>
        http.RequestServices.GetRequiredService<IOptions<GraphQLLimits>>().Value.MaxResponseBytes;

    private static async Task PumpAsync(
        HttpContext http, IObservable<ExecutionResult> stream, EventStreamWriter writer, IGraphQLTextSerializer serializer,
        SseOptions options, ILogger? logger)
    {
        var channel = Channel.CreateBounded<ExecutionResult>(new BoundedChannelOptions(options.MaxBufferedEvents)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        // When the host stops, the stream ends as if its source had: what is buffered is written, then complete.
        using var endOnShutdown = http.RequestServices.GetService<LiveConnectionRegistry>()?.Register(() => channel.Writer.TryComplete());
        using var expiry = CredentialExpiry(http);
        using var revoked = new CancellationTokenSource();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, expiry?.Token ?? CancellationToken.None, revoked.Token);
        using var watch = WatchAuthority(http, revoked, logger);
        using var streaming = StreamingSubscription.Start(http.RequestServices.GetService<GraphQLOperationMetrics>());
        using (stream.Subscribe(new ChannelObserver(channel.Writer)))
        {
            var reader = channel.Reader;
            while (true)
            {
                bool more;
                using (var beat = CancellationTokenSource.CreateLinkedTokenSource(stop.Token))
                {
                    beat.CancelAfter(options.KeepAliveInterval);
                    try
                    {
                        more = await reader.WaitToReadAsync(beat.Token);
                    }
                    catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                    {
                        await writer.WriteKeepAliveAsync();
                        continue;
                    }
                    catch (OperationCanceledException) when (!http.RequestAborted.IsCancellationRequested)
                    {
                        // The access token expired or the caller's authority was revoked: the stream ends.
                        await writer.WriteCompleteAsync();
                        return;
                    }
                    catch (StreamOverflowException)
                    {
                        if (logger is not null)
                        {
                            LogOverflow(logger, options.MaxBufferedEvents);
                        }

                        http.Abort();
                        return;
                    }
                    catch (StreamFailedException failed)
                    {
                        // The source ended with an error (after the events before it were written): the same error as
                        // over WebSocket, then complete.
                        var error = SubscriptionStreamErrors.ToClientError(failed.InnerException!, logger);
                        await writer.WriteNextAsync(ResponseSizeLimit.Serialize(serializer, new ExecutionResult { Errors = [error] }, MaxResponseBytes(http)));
                        await writer.WriteCompleteAsync();
                        return;
                    }
                }

                if (!more)
                {
                    break;
                }

                while (reader.TryRead(out var next))
                {
                    if (next is AuthorityRevokedResult)
                    {
                        await writer.WriteCompleteAsync();
                        return;
                    }

                    await writer.WriteNextAsync(ResponseSizeLimit.Serialize(serializer, next, MaxResponseBytes(http)));
                }
            }
        }

        await writer.WriteCompleteAsync();
    }

    /// <summary>Cancels <paramref name="revoked"/> once a change announced for the caller leaves their credential invalid.</summary>
    private static IDisposable? WatchAuthority(HttpContext http, CancellationTokenSource revoked, ILogger? logger)
    {
        var credentials = http.RequestServices.GetService<ICredentialLifetime>();
        var user = http.User;
        return credentials?.Watch(user, () => _ = RecheckAsync());

        async Task RecheckAsync()
        {
            try
            {
                if (!(await credentials.CheckAsync(user, http.RequestAborted)).IsValid)
                {
                    revoked.Cancel();
                }
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException)
            {
                // The stream ended meanwhile.
            }
            catch (Exception exception) when (logger is not null)
            {
                // The store could not be asked: the next event checks again.
                LogRecheckFailed(logger, exception);
            }
        }
    }

    private static EventStreamWriter StartEventStream(HttpContext http, SseOptions options)
    {
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = EventStreamMediaType + "; charset=utf-8";
        http.Response.Headers.CacheControl = "no-cache";
        // Connection is a hop-by-hop header HTTP/2 and HTTP/3 forbid; Kestrel keeps HTTP/1.1 connections alive anyway.
        if (HttpProtocol.IsHttp11(http.Request.Protocol) || HttpProtocol.IsHttp10(http.Request.Protocol))
        {
            http.Response.Headers.Connection = "keep-alive";
        }

        // Tells nginx-style proxies not to buffer the stream.
        http.Response.Headers["X-Accel-Buffering"] = "no";
        return new EventStreamWriter(http.Response.BodyWriter, options.WriteTimeout, http.RequestAborted);
    }

    /// <summary>
    /// A token cancelled when the caller's credential ends (<see cref="ICredentialLifetime.ValidUntil"/>), or null
    /// when it has no end (no lifetime registered, anonymous callers).
    /// </summary>
    private static CancellationTokenSource? CredentialExpiry(HttpContext http)
    {
        if (http.RequestServices.GetService<ICredentialLifetime>()?.ValidUntil(http.User) is not { } validUntil)
        {
            return null;
        }

        var timeProvider = http.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;
        var remaining = validUntil - timeProvider.GetUtcNow();
        var source = new CancellationTokenSource();
        if (remaining <= TimeSpan.Zero)
        {
            source.Cancel();
        }
        else
        {
            source.CancelAfter(remaining);
        }

        return source;
    }

    private static bool IsUnusableDocument(ExecutionError error) =>
        error is SyntaxError or NoOperationError or NoOperationNameError or InvalidOperationNameError or InvalidOperationError;

    private static async Task WriteJsonAsync(HttpContext http, IGraphQLTextSerializer serializer, int status, ExecutionResult result)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = GraphQLMediaTypes.WithCharset(GraphQLMediaTypes.Json);
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "SSE stream aborted: a write stalled for longer than {WriteTimeout}")]
    private static partial void LogWriteStalled(ILogger logger, TimeSpan writeTimeout);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "SSE stream aborted: the client fell {MaxBufferedEvents} events behind")]
    private static partial void LogOverflow(ILogger logger, int maxBufferedEvents);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Could not re-check an SSE stream's caller after a change of their access")]
    private static partial void LogRecheckFailed(ILogger logger, Exception exception);

    private sealed class StreamOverflowException : Exception
    {
        public StreamOverflowException()
            : base("The event stream's buffer is full.")
        {
        }
    }

    /// <summary>Hands the source's events to the writer without ever blocking the publisher.</summary>
    private sealed class ChannelObserver(ChannelWriter<ExecutionResult> writer) : IObserver<ExecutionResult>
    {
        public void OnNext(ExecutionResult value)
        {
            if (!writer.TryWrite(value))
            {
                writer.TryComplete(new StreamOverflowException());
            }
        }

        public void OnCompleted() => writer.TryComplete();

        public void OnError(Exception error) => writer.TryComplete(new StreamFailedException(error));
    }

    /// <summary>The source's error, carried to the writer once the events before it are written.</summary>
    private sealed class StreamFailedException(Exception error) : Exception("The event stream failed.", error);

    /// <summary>Counts the stream among the active subscriptions until disposed.</summary>
    private sealed class StreamingSubscription(GraphQLOperationMetrics metrics) : IDisposable
    {
        public static StreamingSubscription? Start(GraphQLOperationMetrics? metrics)
        {
            metrics?.SubscriptionStarted(GraphQLOperationMetrics.SseTransport);
            return metrics is null ? null : new StreamingSubscription(metrics);
        }

        public void Dispose() => metrics.SubscriptionEnded(GraphQLOperationMetrics.SseTransport);
    }
}
