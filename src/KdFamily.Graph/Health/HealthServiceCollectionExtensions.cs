using GraphQLServer.Diagnostics;
using KdFamily.Graph.Observability;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Prometheus;

namespace KdFamily.Graph.Health;

public static class HealthServiceCollectionExtensions
{
    /// <summary>Health checks of the service's dependencies (PostgreSQL, Redis).</summary>
    public static WebApplicationBuilder AddKdFamilyHealth(this WebApplicationBuilder builder)
    {
        // Singletons, so connections are reused between probes.
        builder.Services.AddSingleton<PostgresHealthCheck>();
        builder.Services.AddSingleton<RedisHealthCheck>();
        builder.Services.AddHealthChecks()
            .AddCheck<PostgresHealthCheck>("postgres", HealthStatus.Unhealthy, timeout: TimeSpan.FromSeconds(5))
            // Without Redis, live updates stop crossing instances but every request still works: degraded, still ready.
            .AddCheck<RedisHealthCheck>("redis", HealthStatus.Degraded, timeout: TimeSpan.FromSeconds(5));

        // The GraphQL server library's counters, in /metrics under the app's names.
        builder.Services.AddGraphQLServerMetrics(options => options.MeterName = ServerMetricsExporter.MeterName);
        builder.Services.AddHostedService<ServerMetricsExporter>();
        FamilyActivityMetrics.Publish();

        builder.Services.AddOptions<MetricsSettings>()
            .BindConfiguration(MetricsSettings.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var metricsPort = builder.Configuration.GetValue<int?>($"{MetricsSettings.Section}:{nameof(MetricsSettings.Port)}");
        if (metricsPort is > 0 and <= ushort.MaxValue)
        {
            // A Kestrel listener of its own, so the port can stay inside the cluster while the service's is public.
            builder.Services.AddMetricServer(options => options.Port = (ushort)metricsPort.Value);
        }

        return builder;
    }

    /// <summary>
    /// <c>/health/live</c> (200 while the process serves requests; no dependency is asked), <c>/health/ready</c> and
    /// its alias <c>/health</c> (200 while PostgreSQL answers, also when Redis is down (Degraded); 503 otherwise; JSON per
    /// dependency) and, with <c>Metrics:ApiKey</c>,
    /// <c>/metrics</c> (Prometheus text) for callers presenting the key. Without a key it is not served on this port.
    /// </summary>
    public static WebApplication MapKdFamilyHealth(this WebApplication app)
    {
        var readiness = new HealthCheckOptions
        {
            ResponseWriter = HealthResponseWriter.WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        };
        app.MapHealthChecks("/health", readiness);
        app.MapHealthChecks("/health/ready", readiness);
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponseWriter.WriteAsync });
        if (app.Services.GetRequiredService<IOptions<MetricsSettings>>().Value.ApiKey is { } apiKey)
        {
            app.MapGet("/metrics", WriteMetricsAsync).AddEndpointFilter(new MetricsKeyFilter(apiKey)).ExcludeFromDescription();
        }

        return app;
    }

    private static async Task WriteMetricsAsync(HttpContext http)
    {
        http.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        await Metrics.DefaultRegistry.CollectAndExportAsTextAsync(http.Response.Body, http.RequestAborted);
    }
}
