using KdFamily.Graph.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KdFamily.Graph.Auth;

/// <summary>POST confirm-email: the second step of an address change (the link mailed by updateProfile).</summary>
internal static class EmailConfirmationEndpoint
{
    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> HandleAsync(
        ConfirmEmailRequest request, HttpContext http, EmailChangeConfirmations confirmations, CancellationToken cancellationToken) =>
        await confirmations.ConfirmAsync(request.Token!, http, cancellationToken) switch
        {
            EmailConfirmationOutcome.Confirmed => TypedResults.NoContent(),
            EmailConfirmationOutcome.EmailTaken => AuthProblems.Problem(
                StatusCodes.Status409Conflict, AuthProblems.EmailTaken, "Another account already uses this e-mail address."),
            _ => AuthProblems.Problem(
                StatusCodes.Status400BadRequest, AuthProblems.EmailTokenInvalid, "The confirmation token is invalid, expired or already used."),
        };
}
