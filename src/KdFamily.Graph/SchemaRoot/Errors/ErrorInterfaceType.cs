using GraphQL.Types;
using KdFamily.Domain.Errors;

namespace KdFamily.Graph.SchemaRoot.Errors;

/// <summary><c>interface Error { message code }</c>: what every typed mutation error implements.</summary>
public sealed class ErrorInterfaceType : InterfaceGraphType<DomainError>
{
    public ErrorInterfaceType()
    {
        Name = "Error";
        Description = "An expected failure of a mutation, returned in its payload's `errors`.";
        Field<NonNullGraphType<StringGraphType>>("message").Description("What went wrong, for people.");
        Field<NonNullGraphType<StringGraphType>>("code").Description("What went wrong, for programs: a stable code.");
    }
}
