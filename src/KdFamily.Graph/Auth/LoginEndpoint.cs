using KdFamily.Application.Auth;
using KdFamily.Application.Pipeline;
using KdFamily.Domain.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace KdFamily.Graph.Auth;

/// <summary>
/// POST login: username or e-mail plus password (a child account: its username and PIN); starts a session. A child
/// account locked by wrong PINs answers 423 AUTH_LOCKED with <c>Retry-After</c> (seconds until the lock ends).
/// </summary>
internal static class LoginEndpoint
{
    public static async Task<Results<Ok<AuthResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        LoginRequest request, HttpContext http, IUseCase<Login, SignedIn> login, IClock clock, CancellationToken cancellationToken) =>
        await login.HandleAsync(new Login(request.Login!, request.Password!), cancellationToken) switch
        {
            { Error: AccountLockedError locked } => Locked(http, locked, clock.GetCurrentInstant()),
            { Error: { } error } => AuthProblems.Of(error, StatusCodes.Status401Unauthorized),
            var signedIn => TypedResults.Ok(AuthResponse.Of(signedIn.Value!)),
        };

    private static ProblemHttpResult Locked(HttpContext http, AccountLockedError locked, Instant now)
    {
        var seconds = Math.Max(1, (long)Math.Ceiling((locked.LockedUntil - now).TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return AuthProblems.Of(locked, StatusCodes.Status423Locked, $"Try again in {seconds} s, or ask a parent to unlock the account.");
    }
}
