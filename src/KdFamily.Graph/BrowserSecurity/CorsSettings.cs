using System.ComponentModel.DataAnnotations;

namespace KdFamily.Graph.BrowserSecurity;

/// <summary>Origins whose pages may call the API from a browser (README "Browsers: CORS and security headers").</summary>
public sealed class CorsSettings : IValidatableObject
{
    public const string Section = "Cors";

    /// <summary>Exact origins (<c>https://app.example.com</c>, <c>http://localhost:5000</c>); empty: no cross-origin caller.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < AllowedOrigins.Length; i++)
        {
            var origin = AllowedOrigins[i];
            if (!IsOrigin(origin))
            {
                yield return new ValidationResult(
                    $"Cors:AllowedOrigins:{i} ('{origin}') must be an origin: http or https, a host and an optional port, no path and no wildcard.",
                    [nameof(AllowedOrigins)]);
            }
        }
    }

    private static bool IsOrigin(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !value.Contains('*', StringComparison.Ordinal)
        && string.Equals(value.TrimEnd('/'), uri.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase);
}
