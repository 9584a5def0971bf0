using KdFamily.Application.Auth;
using KdFamily.Application.Pipeline;
using KdFamily.Domain.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KdFamily.Graph.Auth;

/// <summary>POST register: creates a family (caller becomes ADVISOR) or joins one by invite code (as MEMBER).</summary>
internal static class RegisterEndpoint
{
    public static async Task<Results<Created<AuthResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        RegisterRequest request, IUseCase<Register, SignedIn> register, CancellationToken cancellationToken)
    {
        var command = new Register(
            request.Username!, request.Email!, request.Password!, request.FullName!, request.InviteCode, request.FamilyName, request.TimeZone);
        return await register.HandleAsync(command, cancellationToken) switch
        {
            { Error: InviteCodeInvalidError error } => AuthProblems.Of(error, StatusCodes.Status400BadRequest),
            { Error: { } error } => AuthProblems.Of(error, StatusCodes.Status409Conflict),
            var registered => TypedResults.Created((string?)null, AuthResponse.Of(registered.Value!)),
        };
    }
}
