using Microsoft.AspNetCore.Http.HttpResults;

namespace KdFamily.Graph.Auth;

/// <summary>POST refresh and POST logout.</summary>
internal static class SessionEndpoints
{
    public static async Task<Results<Ok<AuthResponse>, ValidationProblem, ProblemHttpResult>> RefreshAsync(
        RefreshTokenRequest request, HttpContext http, AuthSessionService sessions, CancellationToken cancellationToken)
    {
        var (outcome, response) = await sessions.RefreshAsync(request.RefreshToken!, http, cancellationToken);
        return outcome switch
        {
            RefreshOutcome.Refreshed => TypedResults.Ok(response),
            RefreshOutcome.Reused => AuthProblems.Problem(
                StatusCodes.Status401Unauthorized,
                AuthProblems.RefreshTokenReused,
                "The refresh token was already used.",
                "The session has been revoked; sign in again."),
            _ => AuthProblems.Problem(StatusCodes.Status401Unauthorized, AuthProblems.RefreshTokenInvalid, "The refresh token is invalid or expired."),
        };
    }

    public static async Task<NoContent> LogoutAsync(RefreshTokenRequest request, AuthSessionService sessions, CancellationToken cancellationToken)
    {
        await sessions.LogoutAsync(request.RefreshToken!, cancellationToken);
        return TypedResults.NoContent();
    }
}
