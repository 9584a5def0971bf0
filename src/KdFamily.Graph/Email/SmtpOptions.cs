using System.ComponentModel.DataAnnotations;
using KdFamily.Domain.Email;
using MimeKit;
using NodaTime;

namespace KdFamily.Graph.Email;

/// <summary>How the connection to the SMTP server is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain connection upgraded with STARTTLS, which the server must offer (port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,

    /// <summary>No TLS: only for a relay on the same host or network.</summary>
    None,
}

/// <summary>`Smtp:*`: the outbox sender. Without <see cref="Host"/> mails are written to the log instead of sent.</summary>
public sealed class SmtpOptions : IValidatableObject
{
    public const string Section = "Smtp";

    public string? Host { get; set; }

    [Range(1, 65535, ErrorMessage = "Smtp:Port must be between 1 and 65535.")]
    public int Port { get; set; } = 587;

    public string? Username { get; set; }

    public string? Password { get; set; }

    public string FromAddress { get; set; } = "no-reply@localhost";

    public string FromName { get; set; } = "KD Family";

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>Each SMTP operation (connect, authenticate, send one mail) must finish within this.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Smtp:Timeout must be between 1 second and 10 minutes.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    [Range(1, 1000, ErrorMessage = "Smtp:BatchSize must be between 1 and 1000.")]
    public int BatchSize { get; set; } = 20;

    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00", ErrorMessage = "Smtp:PollInterval must be between 50 milliseconds and 1 hour.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    [Range(1, 100, ErrorMessage = "Smtp:MaxAttempts must be between 1 and 100.")]
    public int MaxAttempts { get; set; } = 8;

    [Range(typeof(TimeSpan), "00:00:00.050", "1.00:00:00", ErrorMessage = "Smtp:RetryDelay must be between 50 milliseconds and 1 day.")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:00.050", "7.00:00:00", ErrorMessage = "Smtp:MaxRetryDelay must be between 50 milliseconds and 7 days.")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Whether mails go to an SMTP server (else to the log).</summary>
    public bool Sends => !string.IsNullOrWhiteSpace(Host);

    public EmailRetryPolicy RetryPolicy => new(MaxAttempts, Duration.FromTimeSpan(RetryDelay), Duration.FromTimeSpan(MaxRetryDelay));

    /// <summary>
    /// How long a claimed batch is held: connecting, authenticating and sending each mail may each take up to
    /// <see cref="Timeout"/>, plus one for good measure; a sender that takes longer may see another one send its mails too.
    /// </summary>
    public Duration ClaimLease => Duration.FromTimeSpan(Timeout * (BatchSize + 3));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!MailboxAddress.TryParse(FromAddress, out var from) || from.Address.IndexOf('@', StringComparison.Ordinal) < 1)
        {
            yield return new ValidationResult("Smtp:FromAddress must be an e-mail address.", [nameof(FromAddress)]);
        }

        if (string.IsNullOrEmpty(Username) != string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult("Smtp:Username and Smtp:Password go together: set both or neither.", [nameof(Username)]);
        }

        if (MaxRetryDelay < RetryDelay)
        {
            yield return new ValidationResult("Smtp:MaxRetryDelay must not be shorter than Smtp:RetryDelay.", [nameof(MaxRetryDelay)]);
        }

        if (!Enum.IsDefined(Security))
        {
            yield return new ValidationResult("Smtp:Security must be StartTls, SslOnConnect or None.", [nameof(Security)]);
        }
    }
}
