using GraphQL.Validation;

namespace GraphQLServer.Limits;

/// <summary>A document refused for its size before validation (tokens, fragments, spreads, directives); code <c>DOCUMENT_TOO_LARGE</c>.</summary>
public sealed class DocumentTooLargeError : ValidationError
{
    public const string ErrorCode = "DOCUMENT_TOO_LARGE";

    public DocumentTooLargeError(string message)
        : base(message)
    {
        Code = ErrorCode;
    }
}

/// <summary>An operation refused for its cost or depth before execution; code <c>COMPLEXITY</c>.</summary>
public sealed class CostLimitError : ValidationError
{
    public const string ErrorCode = "COMPLEXITY";

    public CostLimitError(string message)
        : base(message)
    {
        Code = ErrorCode;
    }
}
