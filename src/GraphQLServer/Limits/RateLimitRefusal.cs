using System.Globalization;
using GraphQL;

namespace GraphQLServer.Limits;

/// <summary>A request, operation or connection refused by a limit: which one, why, and when to try again.</summary>
public sealed record RateLimitRefusal(string Limit, string Message, TimeSpan RetryAfter)
{
    /// <summary>The stable error code of every limit (<c>extensions.code</c>, problem <c>code</c>).</summary>
    public const string Code = "RATE_LIMITED";

    /// <summary>WebSocket close code of a refused connection.</summary>
    public const int CloseCode = 4429;

    /// <summary>Whole seconds for <c>Retry-After</c>, at least 1.</summary>
    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));

    public string RetryAfterHeader => RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);

    /// <summary>A GraphQL error with <c>extensions.code</c> RATE_LIMITED and <c>extensions.retryAfter</c> in seconds.</summary>
    public ExecutionError ToExecutionError()
    {
        var error = new ExecutionError(Message) { Code = Code };
        return error.AddExtension("retryAfter", RetryAfterSeconds);
    }

    /// <summary>An unexecuted result carrying only this refusal.</summary>
    public ExecutionResult ToExecutionResult() => new() { Errors = [ToExecutionError()], Executed = false };
}
