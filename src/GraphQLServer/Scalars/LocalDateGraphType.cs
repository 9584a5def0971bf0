using GraphQL.Types;
using GraphQLParser.AST;
using NodaTime;
using NodaTime.Text;

namespace GraphQLServer.Scalars;

/// <summary>`Date`: a calendar date without time or zone, ISO 8601 (`2026-05-04`).</summary>
public sealed class LocalDateGraphType : ScalarGraphType
{
    public LocalDateGraphType()
    {
        Name = "Date";
        Description = "A calendar date, ISO 8601 `yyyy-MM-dd`.";
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
        LocalDate date => date,
        string text when LocalDatePattern.Iso.Parse(text) is { Success: true } result => result.Value,
        _ => ThrowValueConversionError(value),
    };

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        LocalDate date => LocalDatePattern.Iso.Format(date),
        _ => ThrowSerializationError(value),
    };
}
