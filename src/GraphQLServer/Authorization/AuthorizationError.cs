using GraphQL.Validation;
using GraphQLParser.AST;

namespace GraphQLServer.Authorization;

/// <summary>A request selected a field or type the caller may not use; <c>extensions.code</c> says why.</summary>
public sealed class AuthorizationError : ValidationError
{
    public const string NotAuthenticatedCode = "AUTH_NOT_AUTHENTICATED";
    public const string NotAuthorizedCode = "AUTH_NOT_AUTHORIZED";

    public AuthorizationError(ValidationContext context, GraphQLField field, string code)
        : base(context?.Document.Source ?? default, null, MessageFor(code, field), field)
    {
        Code = code;
    }

    private static string MessageFor(string code, GraphQLField field) => code == NotAuthenticatedCode
        ? $"The field '{field?.Name.StringValue}' requires an authenticated user."
        : $"The current user is not authorized to access the field '{field?.Name.StringValue}'.";
}
