using System.Globalization;
using GraphQL.Types;
using GraphQLParser.AST;
using NodaTime;

namespace GraphQLServer.Scalars;

/// <summary>`DateTime`: an instant as ISO 8601 with offset (output in UTC, e.g. 2026-05-04T08:30:00.000+00:00).</summary>
public sealed class InstantGraphType : ScalarGraphType
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffzzz";

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
        Instant instant => instant.ToDateTimeOffset().ToString(Format, CultureInfo.InvariantCulture),
        _ => ThrowSerializationError(value),
    };

    private static bool HasOffset(string text) =>
        text.Length > 10 && (text.EndsWith('Z') || text.EndsWith('z') || text[^6] is '+' or '-');
}
