using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace KdFamily.Graph.Health;

/// <summary>
/// Redis answers PING, over the connection the topic bus shares (registered only when <c>ConnectionStrings:Redis</c> is
/// set). Without Redis the service runs with in-memory pub/sub, which is a supported (single-instance) mode: reported
/// healthy with <c>configured = false</c>.
/// A failure is reported with the registration's failure status (Degraded: Redis is optional for serving requests).
/// </summary>
internal sealed class RedisHealthCheck(IServiceProvider services) : IHealthCheck
{
    public const string ConfiguredKey = "configured";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetService<IConnectionMultiplexer>() is not { } redis)
        {
            return HealthCheckResult.Healthy(
                "Not configured: in-memory pub/sub (single instance only).",
                new Dictionary<string, object> { [ConfiguredKey] = false });
        }

        try
        {
            // The shared connection never aborts on a failed connect and fails fast while disconnected.
            var latency = await redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy(
                $"PING answered in {latency.TotalMilliseconds:0.#} ms.",
                new Dictionary<string, object> { [ConfiguredKey] = true });
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return new HealthCheckResult(
                context.Registration.FailureStatus,
                "Redis is unreachable: live updates reach this instance's subscribers only.",
                e,
                new Dictionary<string, object> { [ConfiguredKey] = true });
        }
    }
}
