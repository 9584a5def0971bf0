using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KdFamily.Graph.Health;

/// <summary>
/// Writes <c>{ status, checks: { name: { status, description, durationMs } } }</c>. Exception details stay in the log;
/// a dependency reported as not configured shows <c>"status": "NotConfigured"</c>.
/// </summary>
internal static class HealthResponseWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Task WriteAsync(HttpContext http, HealthReport report)
    {
        var checks = report.Entries.ToDictionary(
            e => e.Key,
            e => new
            {
                status = e.Value.Data.TryGetValue(RedisHealthCheck.ConfiguredKey, out var configured) && configured is false
                    ? "NotConfigured"
                    : e.Value.Status.ToString(),
                description = e.Value.Description,
                durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
            });
        http.Response.ContentType = "application/json; charset=utf-8";
        return http.Response.WriteAsJsonAsync(new { status = report.Status.ToString(), checks }, Json, http.RequestAborted);
    }
}
