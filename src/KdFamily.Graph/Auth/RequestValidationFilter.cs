using System.ComponentModel.DataAnnotations;
using System.Text.Json;

namespace KdFamily.Graph.Auth;

/// <summary>
/// Validates the endpoint's <typeparamref name="TRequest"/> argument with its DataAnnotations (and
/// <see cref="IValidatableObject"/>); on failure answers 400 VALIDATION_ERROR with the camelCase field names.
/// </summary>
internal sealed class RequestValidationFilter<TRequest> : IEndpointFilter
    where TRequest : class
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var request = context.Arguments.OfType<TRequest>().FirstOrDefault();
        if (request is null)
        {
            return AuthProblems.Validation("body", "A JSON request body is required.");
        }

        var results = new List<ValidationResult>();
        results.AddRange(NulCharacters(request));
        if (results.Count > 0 || !Validator.TryValidateObject(request, new ValidationContext(request), results, validateAllProperties: true))
        {
            var errors = results
                .SelectMany(r => (r.MemberNames.Any() ? r.MemberNames : [""]).Select(m => (Member: m, Message: r.ErrorMessage ?? "Invalid value.")))
                .GroupBy(e => JsonNamingPolicy.CamelCase.ConvertName(e.Member), e => e.Message)
                .ToDictionary(g => g.Key, g => g.ToArray());
            return AuthProblems.Validation(errors);
        }

        return await next(context);
    }

    /// <summary>NUL (U+0000) in any string property: PostgreSQL text cannot hold it, and no field of ours needs it.</summary>
    private static IEnumerable<ValidationResult> NulCharacters(TRequest request) =>
        StringProperties
            .Where(p => p.GetValue(request) is string value && value.Contains('\0', StringComparison.Ordinal))
            .Select(p => new ValidationResult("Must not contain NUL characters (U+0000).", [p.Name]));

    private static readonly System.Reflection.PropertyInfo[] StringProperties =
        [.. typeof(TRequest).GetProperties().Where(p => p.PropertyType == typeof(string) && p.CanRead)];
}

internal static class RequestValidationFilterExtensions
{
    public static RouteHandlerBuilder Validate<TRequest>(this RouteHandlerBuilder builder)
        where TRequest : class =>
        builder.AddEndpointFilter<RequestValidationFilter<TRequest>>();
}
