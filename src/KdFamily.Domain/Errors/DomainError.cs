namespace KdFamily.Domain.Errors;

/// <summary>
/// An expected failure of a domain operation: returned, never thrown. Each kind has a stable code
/// that clients can switch on; the graph exposes each as a type implementing <c>interface Error</c>.
/// </summary>
public abstract record DomainError(string Code, string Message);

/// <summary>The object does not exist, is deleted, or belongs to another family: callers cannot tell which.</summary>
public sealed record NotFoundError(string Message) : DomainError(ErrorCodes.NotFound, Message)
{
    public static NotFoundError Of(string what) => new($"{what} was not found.");
}

/// <summary>The caller may not do this to this object (role too low, not the assignee, own work...).</summary>
public sealed record NotAuthorizedError(string Message) : DomainError(ErrorCodes.NotAuthorized, Message);

/// <summary>An input value is invalid; <see cref="Field"/> names it (camelCase, as in the schema).</summary>
public sealed record ValidationError(string Field, string Message) : DomainError(ErrorCodes.ValidationError, Message);
