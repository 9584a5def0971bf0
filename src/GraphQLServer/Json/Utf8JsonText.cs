using System.Text.Json;
using System.Text.Unicode;

namespace GraphQLServer.Json;

/// <summary>
/// Whether a body is JSON text that can be read as strings: well-formed UTF-8 (no 0xFF, overlong forms or encoded
/// surrogates) whose escapes never leave a surrogate unpaired (<c>"\ud800"</c>). System.Text.Json accepts such
/// text while parsing and only fails (InvalidOperationException) when a string is read, deep inside whatever reads it.
/// </summary>
public static class Utf8JsonText
{
    public static bool IsWellFormed(ReadOnlySpan<byte> json)
    {
        if (!Utf8.IsValid(json))
        {
            return false;
        }

        var reader = new Utf8JsonReader(json);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
                {
                    _ = reader.GetString();
                }
            }

            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return false;
        }
    }
}
