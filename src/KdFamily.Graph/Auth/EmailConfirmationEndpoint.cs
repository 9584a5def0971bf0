using KdFamily.Application.Pipeline;
using KdFamily.Application.Users;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KdFamily.Graph.Auth;

/// <summary>POST confirm-email: the second step of an address change (the link mailed by updateProfile).</summary>
internal static class EmailConfirmationEndpoint
{
    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> HandleAsync(
        ConfirmEmailRequest request, IUseCase<ConfirmEmailChange, User> confirmEmailChange, CancellationToken cancellationToken) =>
        (await confirmEmailChange.HandleAsync(new ConfirmEmailChange(request.Token!), cancellationToken)).Error switch
        {
            null => TypedResults.NoContent(),
            EmailTakenError taken => AuthProblems.Problem(StatusCodes.Status409Conflict, taken.Code, taken.Message),
            var invalid => AuthProblems.Problem(StatusCodes.Status400BadRequest, invalid.Code, invalid.Message),
        };
}
