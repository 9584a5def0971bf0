using Microsoft.Extensions.Logging.Console;

namespace KdFamily.Graph.Observability;

/// <summary>
/// Console logs in the format <c>Logging:Console:FormatterName</c> names: <c>json</c> (appsettings.json, so production)
/// writes one JSON object per line, <c>simple</c> (appsettings.Development.json) the human-readable lines. With
/// <c>Logging:Console:FormatterOptions:IncludeScopes</c> every line written inside a request carries its trace's
/// <c>TraceId</c> and <c>SpanId</c>, the ones an error response's <c>traceId</c> and the tracing backend show.
/// </summary>
public static class LoggingExtensions
{
    public static WebApplicationBuilder AddKdFamilyLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.Configure(options =>
            options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

        // JSON lines get a UTC timestamp unless configured otherwise (the simple format keeps its own default: none).
        builder.Services.PostConfigure<JsonConsoleFormatterOptions>(options =>
        {
            if (options.TimestampFormat is null)
            {
                options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                options.UseUtcTimestamp = true;
            }
        });
        return builder;
    }
}
