using System.Diagnostics;
using GraphQL;
using GraphQL.Execution;

namespace GraphQLServer.Errors;

/// <summary>
/// Serializes GraphQL errors for every transport. GraphQL.NET derives codes from exception type names
/// (<c>DB_UPDATE</c>, <c>POSTGRES</c>, <c>OVERFLOW</c>) and copies exception data into the answer; here an error only
/// carries the code it was given. An error whose code is still an exception's name (one that bypassed the unhandled
/// exception handler) answers <c>INTERNAL</c>; document errors (syntax, validation) keep their GraphQL codes. A <c>field</c> in an error's data (set by validation errors) becomes
/// <c>extensions.field</c>. Every error carries <c>extensions.traceId</c>, the trace the request runs under (and its log
/// lines carry), on every transport.
/// </summary>
public sealed class SafeErrorInfoProvider() : ErrorInfoProvider(new ErrorInfoProviderOptions
{
    ExposeExceptionDetails = false,
    ExposeCode = true,
    ExposeCodes = true,
    ExposeData = false,
})
{
    public const string FieldKey = "field";
    public const string TraceIdKey = "traceId";

    public override ErrorInfo GetInfo(ExecutionError executionError)
    {
        ArgumentNullException.ThrowIfNull(executionError);
        if (IsUnexpected(executionError))
        {
            return base.GetInfo(new InternalServerError(InternalServerError.CurrentTraceId()));
        }

        var info = base.GetInfo(executionError);
        if (executionError.Data[FieldKey] is string field)
        {
            info.Extensions ??= new Dictionary<string, object?>();
            info.Extensions[FieldKey] = field;
        }

        if (InternalServerError.TraceIdOf(Activity.Current) is { } traceId)
        {
            info.Extensions ??= new Dictionary<string, object?>();
            info.Extensions.TryAdd(TraceIdKey, traceId);
        }

        return info;
    }

    /// <summary>Only the error's own code: the codes of inner exceptions are their type names.</summary>
    protected override IEnumerable<string> GetCodesForError(ExecutionError executionError)
    {
        ArgumentNullException.ThrowIfNull(executionError);
        if (executionError.Code is { } code)
        {
            yield return code;
        }
    }

    private static bool IsUnexpected(ExecutionError error) =>
        error is UnhandledError
        || (error is not DocumentError && error.InnerException is { } inner && error.Code == GetErrorCode(inner));
}
