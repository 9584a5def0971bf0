using System.Security.Cryptography;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace KdFamily.Graph.Health;

/// <summary>Lets a <c>/metrics</c> request through only with <c>Authorization: Bearer &lt;Metrics:ApiKey&gt;</c>; else 401.</summary>
internal sealed class MetricsKeyFilter(string apiKey) : IEndpointFilter
{
    private readonly byte[] _expected = Encoding.UTF8.GetBytes("Bearer " + apiKey);

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var presented = Encoding.UTF8.GetBytes(context.HttpContext.Request.Headers.Authorization.ToString());
        if (CryptographicOperations.FixedTimeEquals(presented, _expected))
        {
            return next(context);
        }

        context.HttpContext.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer realm=\"metrics\"";
        return ValueTask.FromResult<object?>(Results.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "/metrics needs Authorization: Bearer <Metrics:ApiKey>.",
            extensions: new Dictionary<string, object?> { ["code"] = "METRICS_KEY_REQUIRED" }));
    }
}
