using KdFamily.Application.Auth;
using KdFamily.Application.Pipeline;
using KdFamily.Domain.Auth;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KdFamily.Graph.Auth;

/// <summary>POST change-password, forgot-password and reset-password.</summary>
internal static class PasswordEndpoints
{
    /// <summary>Signed-in users: verifies the current password, sets the new one and revokes their other sessions.</summary>
    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        ChangePasswordRequest request, HttpContext http, IUseCase<ChangePassword, User> changePassword, CancellationToken cancellationToken)
    {
        if (http.User.GetUserId() is not { } userId)
        {
            return NotSignedIn();
        }

        var command = new ChangePassword(userId, http.User.GetSessionId(), request.CurrentPassword!, request.NewPassword!);
        return await changePassword.HandleAsync(command, cancellationToken) switch
        {
            { Error: NotFoundError } => NotSignedIn(),
            { Error: ChildAccountRestrictedError restricted } => AuthProblems.Of(restricted, StatusCodes.Status403Forbidden),
            { Error: { } error } => AuthProblems.Of(error, StatusCodes.Status400BadRequest),
            _ => TypedResults.NoContent(),
        };
    }

    /// <summary>
    /// Always 202 after the same work, one queued row, whether or not the address has an account (see
    /// <see cref="ForgotPasswordHandler"/>).
    /// </summary>
    public static async Task<Accepted> ForgotAsync(
        ForgotPasswordRequest request, IUseCase<ForgotPassword, PasswordResetRequest> forgotPassword, CancellationToken cancellationToken)
    {
        await forgotPassword.HandleAsync(new ForgotPassword(request.Email!), cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    /// <summary>Spends a reset token (once, before it expires), sets the password and revokes every session.</summary>
    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ResetAsync(
        ResetPasswordRequest request, IUseCase<ResetPassword, User> resetPassword, CancellationToken cancellationToken) =>
        await resetPassword.HandleAsync(new ResetPassword(request.Token!, request.NewPassword!), cancellationToken) switch
        {
            { Error: { } error } => AuthProblems.Of(error, StatusCodes.Status400BadRequest),
            _ => TypedResults.NoContent(),
        };

    // A removed member's token may outlive their membership: they are as good as signed out.
    private static ProblemHttpResult NotSignedIn() =>
        AuthProblems.Problem(StatusCodes.Status401Unauthorized, AuthProblems.NotAuthenticated, "Sign in to change the password.");
}
