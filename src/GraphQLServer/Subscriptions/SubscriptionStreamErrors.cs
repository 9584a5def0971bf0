using GraphQL;
using GraphQLServer.Errors;

namespace GraphQLServer.Subscriptions;

/// <summary>
/// What a transport sends when a subscription's event stream ends with an error, the same on WebSocket and SSE.
/// An <see cref="ExecutionError"/> is the stream's own answer (e.g. EVENT_STREAM_INTERRUPTED when the event bus
/// connection is lost; resolver failures arrive already masked as INTERNAL and logged): it is sent as it is and
/// logged as information, since the transports expect it. Anything else is a bug: logged as an error with a trace id,
/// answered INTERNAL with that trace id.
/// </summary>
public static partial class SubscriptionStreamErrors
{
    public static ExecutionError ToClientError(Exception error, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error is ExecutionError expected)
        {
            if (logger is not null)
            {
                LogEnded(logger, expected.Code);
            }

            return expected;
        }

        var internalError = new InternalServerError(InternalServerError.CurrentTraceId());
        if (logger is not null)
        {
            LogUnexpected(logger, internalError.TraceId, error);
        }

        return internalError;
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "A GraphQL subscription's event stream ended with {Code}")]
    private static partial void LogEnded(ILogger logger, string? code);

    [LoggerMessage(EventId = 21, Level = LogLevel.Error, Message = "A GraphQL subscription's event stream failed unexpectedly; answered INTERNAL with traceId {TraceId}")]
    private static partial void LogUnexpected(ILogger logger, string traceId, Exception exception);
}
