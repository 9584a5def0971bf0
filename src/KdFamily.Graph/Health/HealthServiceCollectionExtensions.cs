using KdFamily.Graph.Health;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Prometheus;

namespace KdFamily.Graph.Extensions;

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
            .AddCheck<RedisHealthCheck>("redis", HealthStatus.Unhealthy, timeout: TimeSpan.FromSeconds(5));
        return builder;
    }

    /// <summary><c>/health</c> (200 healthy, 503 otherwise, JSON per dependency) and <c>/metrics</c> (Prometheus text).</summary>
    public static WebApplication MapKdFamilyHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResponseWriter = HealthResponseWriter.WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
        app.MapMetrics("/metrics");
        return app;
    }
}
