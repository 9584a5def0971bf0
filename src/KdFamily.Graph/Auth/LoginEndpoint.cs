using KdFamily.Application.Auth;
using KdFamily.Application.Pipeline;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KdFamily.Graph.Auth;

/// <summary>POST login: username or e-mail plus password; starts a session.</summary>
internal static class LoginEndpoint
{
    public static async Task<Results<Ok<AuthResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        LoginRequest request, IUseCase<Login, SignedIn> login, CancellationToken cancellationToken) =>
        await login.HandleAsync(new Login(request.Login!, request.Password!), cancellationToken) switch
        {
            { Error: { } error } => AuthProblems.Of(error, StatusCodes.Status401Unauthorized),
            var signedIn => TypedResults.Ok(AuthResponse.Of(signedIn.Value!)),
        };
}
