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

    /// <summary>The id the request is traced under (as ASP.NET Core's problem details report it), or a fresh one outside a request.</summary>
    public static string CurrentTraceId() => Activity.Current?.Id ?? ActivityTraceId.CreateRandom().ToHexString();
}
