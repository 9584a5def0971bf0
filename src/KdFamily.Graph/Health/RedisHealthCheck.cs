using KdFamily.Graph.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace KdFamily.Graph.Health;

/// <summary>
/// Redis answers PING. Without <c>ConnectionStrings:Redis</c> the service runs with in-memory pub/sub, which is a
/// supported (single-instance) mode: reported healthy with <c>configured = false</c>.
/// </summary>
internal sealed class RedisHealthCheck(IOptions<ConnectionStringsOptions> options) : IHealthCheck, IAsyncDisposable
{
    public const string ConfiguredKey = "configured";

    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private ConnectionMultiplexer? _connection;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var connectionString = options.Value.Redis;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return HealthCheckResult.Healthy(
                "Not configured: in-memory pub/sub (single instance only).",
                new Dictionary<string, object> { [ConfiguredKey] = false });
        }

        try
        {
            var connection = await ConnectAsync(connectionString);
            var latency = await connection.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy(
                $"PING answered in {latency.TotalMilliseconds:0.#} ms.",
                new Dictionary<string, object> { [ConfiguredKey] = true });
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Redis is unreachable.", e, new Dictionary<string, object> { [ConfiguredKey] = true });
        }
    }

    private async Task<ConnectionMultiplexer> ConnectAsync(string connectionString)
    {
        await _connectLock.WaitAsync();
        try
        {
            if (_connection is null)
            {
                var configuration = ConfigurationOptions.Parse(connectionString);
                configuration.AbortOnConnectFail = false; // keep retrying in the background; PING reports the state
                configuration.ConnectTimeout = 2000;
                configuration.AsyncTimeout = 2000;
                configuration.BacklogPolicy = BacklogPolicy.FailFast; // while disconnected, PING fails at once
                _connection = await ConnectionMultiplexer.ConnectAsync(configuration);
            }

            return _connection;
        }
        finally
        {
            _connectLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _connectLock.Dispose();
    }
}
