using GraphQL;

namespace GraphQLServer.Limits;

/// <summary>
/// Admission of GraphQL-over-HTTP requests (and their event streams) at the GraphQL path, before the transport runs:
/// a caller whose cost budget is spent gets <c>429 Too Many Requests</c> with <c>Retry-After</c> and a RATE_LIMITED
/// error. WebSocket upgrades pass through (their transport admits them); an event stream is admitted by the transport
/// (<see cref="TryAdmitEventStreamAsync"/>) once it knows the answer streams, which may depend on the operation.
/// </summary>
public sealed class CallerLimitsMiddleware(RequestDelegate next, PathString path)
{
    public async Task InvokeAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var limits = http.RequestServices.GetService<CallerLimits>();
        if (limits is null || http.WebSockets.IsWebSocketRequest || !http.Request.Path.Equals(path, StringComparison.OrdinalIgnoreCase)
            || !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsPost(http.Request.Method)))
        {
            await next(http);
            return;
        }

        var caller = CallerLimits.CallerOf(http.User, http.Connection.RemoteIpAddress);
        if (await limits.CheckCostAsync(caller) is { } spent)
        {
            await RefuseAsync(http, spent);
            return;
        }

        if (http.RequestServices.GetService<DocumentCost>() is { } cost)
        {
            cost.BudgetChecked = true;
        }

        await next(http);
    }

    /// <summary>
    /// Takes one of the caller's event-stream places for the rest of the request, or answers 429 and returns false.
    /// The transport calls it once it knows the answer is a stream: graphql-sse preferred by Accept, or a subscription.
    /// </summary>
    public static async Task<bool> TryAdmitEventStreamAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.RequestServices.GetService<CallerLimits>() is not { } limits)
        {
            return true;
        }

        var (lease, refusal) = await limits.AdmitEventStreamAsync(CallerLimits.CallerOf(http.User, http.Connection.RemoteIpAddress));
        if (refusal is not null)
        {
            await RefuseAsync(http, refusal);
            return false;
        }

        http.Response.RegisterForDisposeAsync(lease!);
        return true;
    }

    private static async Task RefuseAsync(HttpContext http, RateLimitRefusal refusal)
    {
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = refusal.RetryAfterHeader;
        http.Response.ContentType = "application/json; charset=utf-8";
        var serializer = http.RequestServices.GetRequiredService<IGraphQLTextSerializer>();
        await serializer.WriteAsync(http.Response.Body, refusal.ToExecutionResult(), http.RequestAborted);
    }
}

public static class CallerLimitsApplicationBuilderExtensions
{
    /// <summary>Admits GraphQL-over-HTTP requests at <paramref name="path"/> against the caller's limits; place it after authentication.</summary>
    public static IApplicationBuilder UseCallerLimits(this IApplicationBuilder app, PathString path) =>
        app.UseMiddleware<CallerLimitsMiddleware>(path);
}
