using System.Globalization;
using GraphQL.Types;
using GraphQLParser.AST;
using NodaTime;

namespace GraphQLServer.Scalars;

/// <summary>`DateTime`: an instant as ISO 8601 with offset (output in UTC, e.g. 2026-05-04T08:30:00.000+00:00).</summary>
public sealed class InstantGraphType : ScalarGraphType
{
    public InstantGraphType()
    {
        Name = "DateTime";
        Description = "A point in time, ISO 8601 with a UTC offset (e.g. `2026-05-04T08:30:00.000+00:00`). Inputs must carry an offset.";
    }

    public override object? ParseLiteral(GraphQLValue value) => value switch
    {
        GraphQLStringValue s => ParseValue((string)s.Value),
        GraphQLNullValue => null,
        _ => ThrowLiteralConversionError(value),
    };

    public override object? ParseValue(object? value) => value switch
    {
        null => null,
        Instant instant => instant,
        DateTimeOffset offset => Instant.FromDateTimeOffset(offset),
        string text when HasOffset(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            => Instant.FromDateTimeOffset(parsed),
        _ => ThrowValueConversionError(value),
    };

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        Instant instant => Format(instant.ToDateTimeUtc()),
        _ => ThrowSerializationError(value),
    };

    /// <summary><c>yyyy-MM-ddTHH:mm:ss.fff+00:00</c>, written digit by digit: a response lists many instants.</summary>
    private static string Format(DateTime utc) => string.Create(29, utc, static (text, t) =>
    {
        Digits(text[..4], t.Year);
        text[4] = '-';
        Digits(text.Slice(5, 2), t.Month);
        text[7] = '-';
        Digits(text.Slice(8, 2), t.Day);
        text[10] = 'T';
        Digits(text.Slice(11, 2), t.Hour);
        text[13] = ':';
        Digits(text.Slice(14, 2), t.Minute);
        text[16] = ':';
        Digits(text.Slice(17, 2), t.Second);
        text[19] = '.';
        Digits(text.Slice(20, 3), t.Millisecond);
        "+00:00".CopyTo(text[23..]);
    });

    private static void Digits(Span<char> text, int value)
    {
        for (var i = text.Length - 1; i >= 0; i--)
        {
            text[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }

    private static bool HasOffset(string text) =>
        text.Length > 10 && (text.EndsWith('Z') || text.EndsWith('z') || text[^6] is '+' or '-');
}
