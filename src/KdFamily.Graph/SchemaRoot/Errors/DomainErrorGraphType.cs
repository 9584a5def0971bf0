using GraphQL.Types;
using KdFamily.Domain.Errors;

namespace KdFamily.Graph.SchemaRoot.Errors;

/// <summary>Base of the object types for domain errors: named after the error record, implementing <c>Error</c>.</summary>
public abstract class DomainErrorGraphType<TError> : ObjectGraphType<TError>
    where TError : DomainError
{
    protected DomainErrorGraphType(string description)
    {
        Name = typeof(TError).Name;
        Description = description;
        Field<NonNullGraphType<StringGraphType>>("message").Description("What went wrong, for people.").Resolve(c => c.Source.Message);
        Field<NonNullGraphType<StringGraphType>>("code").Description("What went wrong, for programs: a stable code.").Resolve(c => c.Source.Code);
        Interface<ErrorInterfaceType>();
        IsTypeOf = value => value is TError;
    }
}

public sealed class NotFoundErrorType() : DomainErrorGraphType<NotFoundError>(
    "The object does not exist or is not visible to the caller (code NOT_FOUND).");

public sealed class NotAuthorizedErrorType() : DomainErrorGraphType<NotAuthorizedError>(
    "The caller may not do this to this object (code NOT_AUTHORIZED).");

public sealed class ValidationErrorType : DomainErrorGraphType<ValidationError>
{
    public ValidationErrorType()
        : base("An input value is invalid (code VALIDATION_ERROR).")
    {
        Field<NonNullGraphType<StringGraphType>>("field").Description("The input field at fault, as named in the schema.").Resolve(c => c.Source.Field);
    }
}
