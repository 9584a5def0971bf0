namespace KdFamily.Graph.Auth;

/// <summary>The REST auth facade under <c>/api/v1/auth</c> (DESIGN §6).</summary>
public static class AuthApiEndpoints
{
    public static RouteGroupBuilder MapKdFamilyAuthApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/auth").WithTags("Auth");

        group.MapPost("register", RegisterEndpoint.HandleAsync)
            .Validate<RegisterRequest>()
            .RateLimited<RegisterRequest>("register", (request, _) => request.Email)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithName("Register")
            .WithSummary("Create an account and a family, or join a family with an invite code.");

        group.MapPost("login", LoginEndpoint.HandleAsync)
            .Validate<LoginRequest>()
            .RateLimited<LoginRequest>("login", (request, _) => request.Login)
            .AddEndpointFilter<LoginLockoutFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status423Locked)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithName("Login")
            .WithSummary("Sign in with username or e-mail and password; a child account with its username and PIN (423 AUTH_LOCKED after too many wrong PINs).");

        group.MapPost("refresh", SessionEndpoints.RefreshAsync)
            .Validate<RefreshTokenRequest>()
            .RateLimited<RefreshTokenRequest>("refresh", (request, _) => request.RefreshToken)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithName("Refresh")
            .WithSummary("Exchange a refresh token for new tokens; the old one is spent, reusing it revokes the session.");

        group.MapPost("logout", SessionEndpoints.LogoutAsync)
            .Validate<RefreshTokenRequest>()
            .ProducesValidationProblem()
            .WithName("Logout")
            .WithSummary("End the session the refresh token belongs to.");

        group.MapPost("change-password", PasswordEndpoints.ChangeAsync)
            .Validate<ChangePasswordRequest>()
            .RateLimited<ChangePasswordRequest>("change-password", (_, http) => http.User.GetUserId()?.ToString())
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName("ChangePassword")
            .WithSummary("Change the signed-in user's password (Bearer token required); other sessions are revoked.");

        group.MapPost("forgot-password", PasswordEndpoints.ForgotAsync)
            .Validate<ForgotPasswordRequest>()
            .RateLimited<ForgotPasswordRequest>("forgot-password", (request, _) => request.Email)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithName("ForgotPassword")
            .WithSummary("Queue a password reset request; always 202 after the same work, whether or not the address has an account.");

        group.MapPost("reset-password", PasswordEndpoints.ResetAsync)
            .Validate<ResetPasswordRequest>()
            .RateLimited<ResetPasswordRequest>("reset-password", (request, _) => request.Token)
            .WithName("ResetPassword")
            .WithSummary("Set a new password with a reset token (single use, time-limited); all sessions are revoked.");

        group.MapPost("confirm-email", EmailConfirmationEndpoint.HandleAsync)
            .Validate<ConfirmEmailRequest>()
            .RateLimited<ConfirmEmailRequest>("confirm-email", (request, _) => request.Token)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("ConfirmEmail")
            .WithSummary("Apply an e-mail address change requested with updateProfile, with the token mailed to the new address.");

        return group;
    }
}
