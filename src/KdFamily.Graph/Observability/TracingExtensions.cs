using GraphQLServer.Diagnostics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace KdFamily.Graph.Observability;

/// <summary>
/// OpenTelemetry traces, configured by the standard <c>OTEL_*</c> variables and only when something exports them: no
/// exporter, no tracer provider, so no span is created (the GraphQL server library, Npgsql and ASP.NET Core then find
/// no listener). Spans: ASP.NET Core requests (not the probes' <c>/health</c> and <c>/metrics</c>), one per GraphQL
/// operation (the server library's source), Npgsql commands and Redis commands.
/// </summary>
public static class TracingExtensions
{
    public const string DefaultServiceName = "kdfamily-api";

    /// <summary>Npgsql's own ActivitySource (what Npgsql.OpenTelemetry's <c>AddNpgsql()</c> subscribes to).</summary>
    public const string NpgsqlSource = "Npgsql";

    public static WebApplicationBuilder AddKdFamilyTracing(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var exporters = TraceExporters(configuration);
        if (exporters.Count == 0)
        {
            return builder;
        }

        var serviceName = configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } configured ? configured : DefaultServiceName;
        var redisConfigured = !string.IsNullOrWhiteSpace(configuration.GetConnectionString("Redis"));
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing =>
            {
                tracing
                    .AddAspNetCoreInstrumentation(options => options.Filter = http => !IsProbe(http.Request.Path))
                    .AddSource(GraphQLServerActivitySource.Name)
                    .AddSource(NpgsqlSource);
                if (redisConfigured)
                {
                    // Uses the process's one Redis connection (the IConnectionMultiplexer the server library registers).
                    tracing.AddRedisInstrumentation();
                }

                if (exporters.Contains("otlp"))
                {
                    tracing.AddOtlpExporter();
                }

                if (exporters.Contains("console"))
                {
                    tracing.AddConsoleExporter();
                }
            });
        return builder;
    }

    /// <summary>
    /// <c>OTEL_TRACES_EXPORTER</c> (<c>otlp</c>, <c>console</c>, both comma-separated, or <c>none</c>) when set; else
    /// <c>otlp</c> when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; else none. <c>OTEL_SDK_DISABLED=true</c> turns it off.
    /// </summary>
    private static HashSet<string> TraceExporters(ConfigurationManager configuration)
    {
        if (string.Equals(configuration["OTEL_SDK_DISABLED"], "true", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        if (configuration["OTEL_TRACES_EXPORTER"] is { Length: > 0 } named)
        {
            var exporters = named.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(name => name.ToLowerInvariant())
                .ToHashSet(StringComparer.Ordinal);
            var unknown = exporters.Except(["otlp", "console", "none"]).ToList();
            if (unknown.Count > 0)
            {
                throw new InvalidOperationException($"OTEL_TRACES_EXPORTER names an exporter this service does not have: {string.Join(", ", unknown)} (use otlp, console or none).");
            }

            exporters.Remove("none");
            return exporters;
        }

        return string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]) ? [] : ["otlp"];
    }

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase);
}
