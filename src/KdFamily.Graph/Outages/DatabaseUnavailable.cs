using System.Net.Sockets;
using Npgsql;

namespace KdFamily.Graph.Outages;

/// <summary>
/// The one place that decides which failures mean "PostgreSQL is down or restarting": those are answered
/// <c>SERVICE_UNAVAILABLE</c> (GraphQL error code; HTTP 503 with Retry-After; REST 503 problem) on every transport,
/// and logged as a warning without a stack trace. Every other unexpected failure is someone else's (INTERNAL).
/// </summary>
public static class DatabaseUnavailable
{
    /// <summary>How long clients are told to wait before trying again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public const string Message = "The service is temporarily unavailable (its database cannot be reached); try again shortly.";

    /// <summary>
    /// Whether <paramref name="exception"/> means the database is unavailable. When it does, the connection pools are
    /// cleared: after a restart every pooled connection is broken, and without this each would fail one more request.
    /// </summary>
    public static bool Is(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (!Unavailable(exception))
        {
            return false;
        }

        NpgsqlConnection.ClearAllPools();
        return true;
    }

    private static bool Unavailable(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                // Already recognised deeper down (the session check turns the driver's failure into this).
                case GraphQLServer.Http.ServiceUnavailableError:
                    return true;
                case PostgresException postgres:
                    return IsServerUnavailable(postgres.SqlState);
                case NpgsqlException { InnerException: IOException or SocketException or TimeoutException or EndOfStreamException }:
                case SocketException:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(Unavailable):
                    return true;
            }
        }

        return false;
    }

    /// <summary>The driver's own words for the log (EF wraps them in "likely due to a transient failure").</summary>
    public static string Reason(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var current = exception;
        while (current is not NpgsqlException && current.InnerException is { } inner)
        {
            current = inner;
        }

        return current.Message;
    }

    /// <summary>Connection exceptions (class 08), shutdown or start-up in progress (57P01-57P03), no free connection slot.</summary>
    private static bool IsServerUnavailable(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal)
        || sqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
            or PostgresErrorCodes.TooManyConnections;
}
