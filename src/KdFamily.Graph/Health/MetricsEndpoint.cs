using KdFamily.Graph.Auth;
using Microsoft.Net.Http.Headers;

namespace KdFamily.Graph.Health;

/// <summary>Lets a <c>/metrics</c> request through only with <c>Authorization: Bearer &lt;Metrics:ApiKey&gt;</c>; else 401.</summary>
internal sealed class MetricsKeyFilter(string apiKey) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (ApiKeys.Match(context.HttpContext.Request.Headers.Authorization.ToString(), "Bearer " + apiKey))
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
