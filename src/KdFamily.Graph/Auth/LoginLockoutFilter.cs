using GraphQLServer.Limits;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace KdFamily.Graph.Auth;

/// <summary>
/// Locks an account's login after <c>Auth:LockoutThreshold</c> wrong passwords within <c>Auth:LockoutWindow</c>, from
/// any addresses, for <c>Auth:LockoutDuration</c>: every login of it answers 429 RATE_LIMITED until then, the right
/// password too. Any login name counts the same whether or not it names an account, so the lockout reveals nothing;
/// a successful login clears the failures. Shared by all instances through the limit store.
/// </summary>
internal sealed class LoginLockoutFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.Arguments.OfType<LoginRequest>().FirstOrDefault() is not { Login: { } login })
        {
            return await next(context);
        }

        var http = context.HttpContext;
        var store = http.RequestServices.GetRequiredService<ILimitStore>();
        var options = http.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value;
        var account = AuthRateLimits.KeyOf(login);
        var lockKey = "auth:lockout:" + account;
        var failuresKey = "auth:login-failures:" + account;

        var locked = await store.ReadAsync(lockKey);
        if (locked.Count > 0)
        {
            return AuthRateLimits.Refuse(http, "auth_login_lockout", locked.ResetsIn, "Too many failed logins for this account; it is locked for a while.");
        }

        var result = await next(context);
        switch (Unwrap(result))
        {
            case ProblemHttpResult { StatusCode: StatusCodes.Status401Unauthorized }:
                var failures = await store.AddAsync(failuresKey, 1, options.LockoutWindow);
                if (failures.Count >= options.LockoutThreshold)
                {
                    await store.AddAsync(lockKey, 1, options.LockoutDuration);
                    await store.ResetAsync(failuresKey);
                }

                break;
            case Ok<AuthResponse>:
                await store.ResetAsync(failuresKey);
                break;
        }

        return result;
    }

    private static object? Unwrap(object? result) => result is INestedHttpResult nested ? nested.Result : result;
}
