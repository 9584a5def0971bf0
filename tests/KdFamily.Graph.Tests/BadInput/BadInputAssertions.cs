using System.Net;
using System.Text.Json.Nodes;

namespace KdFamily.Graph.Tests.BadInput;

internal static class BadInputAssertions
{
    /// <summary>Codes GraphQL.NET derives from exception type names, seen in answers before: none may ever reach a client.</summary>
    private static readonly string[] ExceptionCodes =
    [
        "DB_UPDATE", "POSTGRES", "NPGSQL", "OVERFLOW", "SOCKET", "INVALID_OPERATION", "FORMAT", "ARGUMENT", "ARGUMENT_OUT_OF_RANGE",
        "ARGUMENT_NULL", "NULL_REFERENCE", "JSON", "KEY_NOT_FOUND", "INDEX_OUT_OF_RANGE", "UNPARSABLE_VALUE", "INVALID_CAST", "DECODER_FALLBACK",
    ];

    /// <summary>A problem+json answer with the given status and code; nothing in it names an exception.</summary>
    public static JsonObject AssertProblem(this (HttpStatusCode Status, JsonObject? Body, string Text) answer, HttpStatusCode status, string code)
    {
        Assert.True(answer.Body is not null, $"not JSON (HTTP {(int)answer.Status}): {answer.Text}");
        Assert.True(answer.Status == status && answer.Body!["code"]?.GetValue<string>() == code, $"expected {(int)status} {code}, got {(int)answer.Status}: {answer.Text}");
        AssertNamesNoException(answer.Text);
        return answer.Body!;
    }

    /// <summary>The first GraphQL error has <paramref name="code"/>; the HTTP status is <paramref name="status"/>; no code names an exception.</summary>
    public static JsonNode AssertGraphQLError(this (HttpStatusCode Status, JsonObject? Body, string Text) answer, HttpStatusCode status, string code)
    {
        Assert.True(answer.Body is not null, $"not JSON (HTTP {(int)answer.Status}): {answer.Text}");
        var error = answer.Body!["errors"]?[0];
        Assert.True(answer.Status == status && error?["extensions"]?["code"]?.GetValue<string>() == code,
            $"expected {(int)status} {code}, got {(int)answer.Status}: {answer.Text}");
        AssertNamesNoException(answer.Text);
        return error!;
    }

    public static void AssertNamesNoException(string text)
    {
        foreach (var code in ExceptionCodes)
        {
            Assert.DoesNotContain($"\"{code}\"", text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }
}
