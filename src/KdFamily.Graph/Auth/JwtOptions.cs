using System.ComponentModel.DataAnnotations;
using System.Text;

namespace KdFamily.Graph.Auth;

/// <summary>The `Jwt:*` settings of DESIGN §3, validated at start.</summary>
public sealed class JwtOptions : IValidatableObject
{
    public const string Section = "Jwt";

    [Required(ErrorMessage = "Jwt:SigningKey is required (at least 32 bytes).")]
    public string SigningKey { get; set; } = "";

    [Required(ErrorMessage = "Jwt:Issuer is required.")]
    public string Issuer { get; set; } = "kdfamily";

    [Required(ErrorMessage = "Jwt:Audience is required.")]
    public string Audience { get; set; } = "kdfamily";

    /// <summary>Lifetime of access tokens.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "Jwt:AccessTokenLifetime must be between 1 minute and 1 day.")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Lifetime of a login session (its refresh tokens).</summary>
    [Range(typeof(TimeSpan), "00:05:00", "365.00:00:00", ErrorMessage = "Jwt:RefreshTokenLifetime must be between 5 minutes and 365 days.")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Encoding.UTF8.GetByteCount(SigningKey) < 32)
        {
            yield return new ValidationResult("Jwt:SigningKey must be at least 32 bytes long.", [nameof(SigningKey)]);
        }
    }
}
