using System.Text.Json;
using GraphQLServer.Authorization;
using GraphQLServer.Limits;
using KdFamily.Domain.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KdFamily.Graph.Auth;

/// <summary>RFC 9457 problem details of the auth facade, each with a stable <c>code</c> extension.</summary>
public static class AuthProblems
{
    public const string ValidationError = ErrorCodes.ValidationError;
    public const string InvalidCredentials = ErrorCodes.InvalidCredentials;
    public const string NotAuthenticated = AuthorizationError.NotAuthenticatedCode;
    public const string RefreshTokenInvalid = ErrorCodes.RefreshTokenInvalid;
    public const string RefreshTokenReused = ErrorCodes.RefreshTokenReused;
    public const string ResetTokenInvalid = ErrorCodes.ResetTokenInvalid;
    public const string EmailTokenInvalid = "AUTH_EMAIL_TOKEN_INVALID";
    public const string UsernameTaken = ErrorCodes.UsernameTaken;
    public const string EmailTaken = ErrorCodes.EmailTaken;
    public const string InviteCodeInvalid = ErrorCodes.InviteCodeInvalid;
    public const string FamilyFull = "FAMILY_FULL";
    public const string RateLimited = RateLimitRefusal.Code;
    public const string AccountLocked = ErrorCodes.AccountLocked;
    public const string ChildAccountRestricted = ErrorCodes.ChildAccountRestricted;

    public static ProblemHttpResult Problem(int status, string code, string title, string? detail = null) =>
        TypedResults.Problem(detail, statusCode: status, title: title, extensions: new Dictionary<string, object?> { ["code"] = code });

    /// <summary>The problem of a use case's typed error: its code, and its message as the title.</summary>
    public static ProblemHttpResult Of(DomainError error, int status, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Problem(status, error.Code, error.Message, detail);
    }

    public static ValidationProblem Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The request is invalid.", extensions: new Dictionary<string, object?> { ["code"] = ValidationError });

    public static ValidationProblem Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [JsonNamingPolicy.CamelCase.ConvertName(field)] = [message] });
}
