using System.Globalization;
using NodaTime;

namespace KdFamily.Domain.Email.Templates;

/// <summary>
/// How a mail shows points in time: in the family's time zone, or in UTC when the recipient has no family zone we
/// know (the mail then says so, see <see cref="Note"/>).
/// </summary>
public sealed class MailTime
{
    private readonly DateTimeZone _zone;
    private readonly bool _isFamilyZone;

    private MailTime(DateTimeZone zone, bool isFamilyZone)
    {
        _zone = zone;
        _isFamilyZone = isFamilyZone;
    }

    /// <summary>The family's IANA zone; null or unknown means UTC.</summary>
    public static MailTime In(string? familyTimeZone) =>
        familyTimeZone is not null && DateTimeZoneProviders.Tzdb.GetZoneOrNull(familyTimeZone) is { } zone
            ? new MailTime(zone, isFamilyZone: true)
            : new MailTime(DateTimeZone.Utc, isFamilyZone: false);

    /// <summary>For the mail's text when the times are not in a family zone; null otherwise.</summary>
    public string? Note => _isFamilyZone ? null : "Times in this e-mail are in UTC: your account has no family time zone.";

    /// <summary>E.g. "Monday 30 November 2026, 14:30 (Europe/Berlin)" or "Monday 30 November 2026, 13:30 UTC".</summary>
    public string Format(Instant instant)
    {
        var local = instant.InZone(_zone).LocalDateTime.ToString("dddd d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture);
        return _isFamilyZone ? $"{local} ({_zone.Id})" : $"{local} UTC";
    }
}
