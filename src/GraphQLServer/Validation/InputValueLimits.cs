using NodaTime;

namespace GraphQLServer.Validation;

/// <summary>The dates the schema's <c>Date</c> and <c>DateTime</c> inputs accept (UTC dates for instants); inclusive.</summary>
public sealed class InputValueLimits
{
    public LocalDate MinDate { get; set; } = new(2000, 1, 1);

    public LocalDate MaxDate { get; set; } = new(2100, 12, 31);

    public bool Contains(LocalDate date) => date >= MinDate && date <= MaxDate;

    public bool Contains(Instant instant) => Contains(instant.InUtc().Date);
}
