using KdFamily.Application.Auth;
using KdFamily.Application.Pipeline;
using KdFamily.Domain.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KdFamily.Graph.Auth;

/// <summary>POST refresh and POST logout.</summary>
internal static class SessionEndpoints
{
    public static async Task<Results<Ok<AuthResponse>, ValidationProblem, ProblemHttpResult>> RefreshAsync(
        RefreshTokenRequest request, IUseCase<Refresh, SignedIn> refresh, CancellationToken cancellationToken) =>
        await refresh.HandleAsync(new Refresh(request.RefreshToken!), cancellationToken) switch
        {
            { Error: RefreshTokenReusedError error } =>
                AuthProblems.Of(error, StatusCodes.Status401Unauthorized, "The session has been revoked; sign in again."),
            { Error: { } error } => AuthProblems.Of(error, StatusCodes.Status401Unauthorized),
            var refreshed => TypedResults.Ok(AuthResponse.Of(refreshed.Value!)),
        };

    public static async Task<NoContent> LogoutAsync(RefreshTokenRequest request, IUseCase<Logout, bool> logout, CancellationToken cancellationToken)
    {
        await logout.HandleAsync(new Logout(request.RefreshToken!), cancellationToken);
        return TypedResults.NoContent();
    }
}
