using System.Diagnostics;
using GraphQL;

namespace GraphQLServer.Errors;

/// <summary>
/// What a client sees of a failure nobody planned for: code <c>INTERNAL</c>, a generic message and the trace id the
/// server logged the exception under (<c>extensions.traceId</c>), never the exception's type, message or data.
/// </summary>
public sealed class InternalServerError : ExecutionError
{
    public const string InternalCode = "INTERNAL";

    public InternalServerError(string traceId)
        : base("An unexpected error occurred. Quote the traceId when you report it.")
    {
        Code = InternalCode;
        TraceId = traceId;
        this.AddExtension("traceId", traceId);
    }

    public string TraceId { get; }

    /// <summary>
    /// The W3C trace id (32 hex digits) the current work is traced under, as tracing backends and the logs'
    /// <c>TraceId</c> show it; a fresh one outside any trace.
    /// </summary>
    public static string CurrentTraceId() => TraceIdOf(Activity.Current) ?? ActivityTraceId.CreateRandom().ToHexString();

    /// <summary>The W3C trace id of <paramref name="activity"/>, or null for none (or a non-W3C id).</summary>
    public static string? TraceIdOf(Activity? activity) =>
        activity is { IdFormat: ActivityIdFormat.W3C } ? activity.TraceId.ToHexString() : activity?.RootId;
}
