using System.Text.Json;
using KdFamily.Domain.Errors;
using KdFamily.Graph.Server.Authorization;
using KdFamily.Graph.Server.Limits;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KdFamily.Graph.Auth;

/// <summary>RFC 9457 problem details of the auth facade, each with a stable <c>code</c> extension.</summary>
public static class AuthProblems
{
    public const string ValidationError = ErrorCodes.ValidationError;
    public const string InvalidCredentials = "AUTH_INVALID_CREDENTIALS";
    public const string NotAuthenticated = AuthorizationError.NotAuthenticatedCode;
    public const string RefreshTokenInvalid = "AUTH_REFRESH_TOKEN_INVALID";
    public const string RefreshTokenReused = "AUTH_REFRESH_TOKEN_REUSED";
    public const string ResetTokenInvalid = "AUTH_RESET_TOKEN_INVALID";
    public const string EmailTokenInvalid = "AUTH_EMAIL_TOKEN_INVALID";
    public const string UsernameTaken = "CONFLICT_USERNAME_TAKEN";
    public const string EmailTaken = "CONFLICT_EMAIL_TAKEN";
    public const string InviteCodeInvalid = "INVITE_CODE_INVALID";
    public const string FamilyFull = "FAMILY_FULL";
    public const string RateLimited = RateLimitRefusal.Code;

    public static ProblemHttpResult Problem(int status, string code, string title, string? detail = null) =>
        TypedResults.Problem(detail, statusCode: status, title: title, extensions: new Dictionary<string, object?> { ["code"] = code });

    public static ValidationProblem Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The request is invalid.", extensions: new Dictionary<string, object?> { ["code"] = ValidationError });

    public static ValidationProblem Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [JsonNamingPolicy.CamelCase.ConvertName(field)] = [message] });
}
