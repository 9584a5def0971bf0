using GraphQL.Types;
using GraphQLServer.Limits;
using KdFamily.Domain.Errors;

namespace KdFamily.Graph.SchemaRoot.Errors;

/// <summary>What a mutation resolver returns: the changed object, or the expected errors that prevented the change.</summary>
public sealed record MutationPayload<T>(T? Value, IReadOnlyList<DomainError>? Errors);

public static class MutationPayload
{
    public static MutationPayload<T> From<T>(Result<T> result) =>
        result.Error is { } error ? new(default, [error]) : new(result.Value, null);

    public static MutationPayload<T> Failure<T>(DomainError error) => new(default, [error]);
}

/// <summary>
/// <c>type XPayload { valueField: Value, errors: [XError!] }</c>, the shape of Hot Chocolate's mutation conventions:
/// <c>errors</c> is null on success.
/// </summary>
public abstract class PayloadGraphType<TValue, TValueGraphType, TErrorUnion> : ObjectGraphType<MutationPayload<TValue>>
    where TValueGraphType : IGraphType
    where TErrorUnion : ErrorUnionGraphType
{
    /// <summary>A payload carries the one error that stopped its mutation.</summary>
    private const int MaxErrors = 1;

    protected PayloadGraphType(string mutationName, string valueField, string valueDescription)
    {
        ArgumentNullException.ThrowIfNull(mutationName);
        Name = char.ToUpperInvariant(mutationName[0]) + mutationName[1..] + "Payload";
        Description = $"The result of `{mutationName}`.";
        Field<TValueGraphType>(valueField).Description(valueDescription).Resolve(c => c.Source.Value);
        Field<ListGraphType<NonNullGraphType<TErrorUnion>>>("errors")
            .Description("Why the mutation changed nothing; null when it succeeded.")
            .ListSize(MaxErrors)
            .Resolve(c => c.Source.Errors);
    }
}
