using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using NodaTime;

namespace KdFamily.Graph.Auth;

// The facade's request bodies. Properties are nullable so a missing field is reported as VALIDATION_ERROR
// naming it (by RequestValidationFilter) rather than as a JSON error; the attributes also shape the OpenAPI schemas.

/// <summary>Create an account: with <c>familyName</c> a new family (caller becomes its ADVISOR), or with <c>inviteCode</c> join one as MEMBER.</summary>
public sealed class RegisterRequest : IValidatableObject
{
    [Required, StringLength(50, MinimumLength = 3), RegularExpression("^[A-Za-z0-9_.-]+$", ErrorMessage = "The username may contain letters, digits, '_', '.' and '-'.")]
    [Description("Unique login name (case-insensitive), 3–50 of letters, digits, _ . -")]
    public string? Username { get; init; }

    [Required, StringLength(254), EmailAddress]
    public string? Email { get; init; }

    [Required, StringLength(128, MinimumLength = PasswordPolicy.MinimumLength)]
    public string? Password { get; init; }

    [Required, StringLength(100, MinimumLength = 1)]
    public string? FullName { get; init; }

    [StringLength(100, MinimumLength = 1)]
    [Description("Name of the new family. Give exactly one of familyName and inviteCode.")]
    public string? FamilyName { get; init; }

    [StringLength(32, MinimumLength = 1)]
    [Description("Invite code of the family to join. Give exactly one of familyName and inviteCode.")]
    public string? InviteCode { get; init; }

    [StringLength(64)]
    [Description("IANA time zone of the new family (e.g. Europe/Berlin); default UTC.")]
    public string? TimeZone { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(FamilyName) == string.IsNullOrWhiteSpace(InviteCode))
        {
            yield return new ValidationResult("Give exactly one of familyName (create a family) and inviteCode (join one).", [nameof(FamilyName), nameof(InviteCode)]);
        }

        if (TimeZone is not null && DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZone) is null)
        {
            yield return new ValidationResult($"'{TimeZone}' is not an IANA time zone.", [nameof(TimeZone)]);
        }
    }
}

public sealed class LoginRequest
{
    [Required, StringLength(254), Description("Username or e-mail address; a child account signs in with its username.")]
    public string? Login { get; init; }

    [Required, StringLength(128), Description("The password; for a child account its PIN (4–8 digits), the only thing that signs it in.")]
    public string? Password { get; init; }
}

/// <summary>For refresh and logout.</summary>
public sealed class RefreshTokenRequest
{
    [Required, StringLength(200)]
    public string? RefreshToken { get; init; }
}

public sealed class ChangePasswordRequest
{
    [Required, StringLength(128)]
    public string? CurrentPassword { get; init; }

    [Required, StringLength(128, MinimumLength = PasswordPolicy.MinimumLength)]
    public string? NewPassword { get; init; }
}

public sealed class ForgotPasswordRequest
{
    [Required, StringLength(254), EmailAddress]
    public string? Email { get; init; }
}

public sealed class ResetPasswordRequest
{
    [Required, StringLength(200), Description("The token from the reset e-mail.")]
    public string? Token { get; init; }

    [Required, StringLength(128, MinimumLength = PasswordPolicy.MinimumLength)]
    public string? NewPassword { get; init; }
}

public sealed class ConfirmEmailRequest
{
    [Required, StringLength(200), Description("The token from the confirmation e-mail sent to the new address.")]
    public string? Token { get; init; }
}

public static class PasswordPolicy
{
    public const int MinimumLength = 8;
}
