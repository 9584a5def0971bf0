using System.ComponentModel.DataAnnotations;

namespace KdFamily.Graph.Auth;

/// <summary>The `Auth:*` settings of the REST auth facade.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Page of the web client that accepts `?token=…` and calls reset-password.</summary>
    [Required(ErrorMessage = "Auth:PasswordResetUrl is required.")]
    [Url(ErrorMessage = "Auth:PasswordResetUrl must be an absolute URL.")]
    public string PasswordResetUrl { get; set; } = "http://localhost:5000/reset-password";

    [Range(typeof(TimeSpan), "00:05:00", "1.00:00:00", ErrorMessage = "Auth:PasswordResetTokenLifetime must be between 5 minutes and 1 day.")]
    public TimeSpan PasswordResetTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often each instance takes queued forgot-password requests and mails reset links for those with an account.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00", ErrorMessage = "Auth:PasswordResetQueueInterval must be between 50 milliseconds and 1 minute.")]
    public TimeSpan PasswordResetQueueInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Page of the web client that accepts `?token=…` and calls confirm-email.</summary>
    [Required(ErrorMessage = "Auth:EmailConfirmationUrl is required.")]
    [Url(ErrorMessage = "Auth:EmailConfirmationUrl must be an absolute URL.")]
    public string EmailConfirmationUrl { get; set; } = "http://localhost:5000/confirm-email";

    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00", ErrorMessage = "Auth:EmailConfirmationTokenLifetime must be between 5 minutes and 7 days.")]
    public TimeSpan EmailConfirmationTokenLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Requests per client IP and endpoint per window, on every rate-limited endpoint, shared by all instances.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Auth:RateLimitPermitLimit must be between 1 and 1000000.")]
    public int RateLimitPermitLimit { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Auth:RateLimitWindow must be between 1 second and 1 day.")]
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Requests per account and endpoint per window, from any number of addresses (see README for what "account" is per endpoint).</summary>
    [Range(1, 1_000_000, ErrorMessage = "Auth:AccountRateLimitPermitLimit must be between 1 and 1000000.")]
    public int AccountRateLimitPermitLimit { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Auth:AccountRateLimitWindow must be between 1 second and 1 day.")]
    public TimeSpan AccountRateLimitWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Failed logins of one account within <see cref="LockoutWindow"/> that lock it for <see cref="LockoutDuration"/>.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Auth:LockoutThreshold must be between 1 and 1000000.")]
    public int LockoutThreshold { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Auth:LockoutWindow must be between 1 second and 1 day.")]
    public TimeSpan LockoutWindow { get; set; } = TimeSpan.FromMinutes(15);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Auth:LockoutDuration must be between 1 second and 1 day.")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Wrong PINs in a row that lock a child account for <see cref="ChildPinLockoutDuration"/> (answered AUTH_LOCKED), kept in
    /// the database: a PIN has only 10,000 to 100 million values.
    /// </summary>
    [Range(1, 100, ErrorMessage = "Auth:ChildPinLockoutThreshold must be between 1 and 100.")]
    public int ChildPinLockoutThreshold { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "Auth:ChildPinLockoutDuration must be between 1 second and 7 days.")]
    public TimeSpan ChildPinLockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
}
