using System.Security.Cryptography;
using System.Text;
using GraphQLServer.Limits;
using Microsoft.Extensions.Options;

namespace KdFamily.Graph.Auth;

/// <summary>
/// The budgets of one auth endpoint, shared by every instance through the limit store: per client IP address
/// (<c>Auth:RateLimit*</c>) and per account (<c>Auth:AccountRateLimit*</c>, the account being what the request names:
/// a login, an e-mail address, the signed-in user, a token). Over either → 429 RATE_LIMITED with Retry-After.
/// Runs after request validation, so the account is known.
/// </summary>
internal sealed class AuthRateLimitFilter<TRequest>(string endpoint, Func<TRequest, HttpContext, string?> account) : IEndpointFilter
    where TRequest : class
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var store = http.RequestServices.GetRequiredService<ILimitStore>();
        var options = http.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value;

        var byAddress = await store.AddAsync($"auth:{endpoint}:ip:{http.Connection.RemoteIpAddress}", 1, options.RateLimitWindow);
        if (byAddress.Count > options.RateLimitPermitLimit)
        {
            return AuthRateLimits.Refuse(http, $"auth_{endpoint}_ip", byAddress.ResetsIn, "Too many requests from this address; try again later.");
        }

        if (context.Arguments.OfType<TRequest>().FirstOrDefault() is { } request && account(request, http) is { Length: > 0 } name)
        {
            var byAccount = await store.AddAsync($"auth:{endpoint}:account:{AuthRateLimits.KeyOf(name)}", 1, options.AccountRateLimitWindow);
            if (byAccount.Count > options.AccountRateLimitPermitLimit)
            {
                return AuthRateLimits.Refuse(http, $"auth_{endpoint}_account", byAccount.ResetsIn, "Too many requests for this account; try again later.");
            }
        }

        return await next(context);
    }
}

/// <summary>Shared parts of the auth facade's limits.</summary>
internal static class AuthRateLimits
{
    /// <summary>A fixed-length key for an account name or token, so keys neither grow with input nor hold secrets.</summary>
    public static string KeyOf(string account) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(account.Trim().ToLowerInvariant())))[..32];

    public static IResult Refuse(HttpContext http, string limit, TimeSpan retryAfter, string title)
    {
        http.RequestServices.GetRequiredService<LimitMetrics>().Refuse(limit);
        var refusal = new RateLimitRefusal(limit, title, retryAfter);
        http.Response.Headers.RetryAfter = refusal.RetryAfterHeader;
        return AuthProblems.Problem(StatusCodes.Status429TooManyRequests, AuthProblems.RateLimited, title, $"Try again in {refusal.RetryAfterSeconds} s.");
    }

    /// <summary>Adds the endpoint's per-address and per-account budgets (after <c>Validate&lt;TRequest&gt;()</c>).</summary>
    public static RouteHandlerBuilder RateLimited<TRequest>(this RouteHandlerBuilder builder, string endpoint, Func<TRequest, HttpContext, string?> account)
        where TRequest : class =>
        builder
            .AddEndpointFilter(new AuthRateLimitFilter<TRequest>(endpoint, account))
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
}
