using GraphQL;
using GraphQL.DI;

namespace GraphQLServer.Validation;

public static class InputValueGraphQLBuilderExtensions
{
    /// <summary>Adds <see cref="InputValueValidationRule"/> to every execution, with the given date range.</summary>
    public static IGraphQLBuilder AddInputValueRule(this IGraphQLBuilder builder, Action<InputValueLimits>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<InputValueLimits>(limits => configure?.Invoke(limits));
        return builder.AddValidationRule<InputValueValidationRule>(useForCachedDocuments: true);
    }
}
