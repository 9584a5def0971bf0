using System.Text.Json;
using GraphQL;
using GraphQLServer.Limits;

namespace GraphQLServer.WebSockets;

/// <summary>Writes <c>{"type", "id"?, "payload"?}</c> messages as UTF-8 JSON; execution results go through the GraphQL serializer (so error masking applies).</summary>
internal sealed class OperationMessageWriter(IGraphQLTextSerializer serializer, int maxResultBytes)
{
    public static byte[] Message(string type, string? id = null, string? payloadJson = null)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            if (id is not null)
            {
                writer.WriteString("id", id);
            }

            if (payloadJson is not null)
            {
                writer.WritePropertyName("payload");
                writer.WriteRawValue(payloadJson, skipInputValidation: true);
            }

            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary><c>{"message": ...}</c>, the legacy protocol's error payload.</summary>
    public static string MessagePayload(string message) => JsonSerializer.Serialize(new Dictionary<string, string> { ["message"] = message });

    public string Result(ExecutionResult result) => ResponseSizeLimit.Serialize(serializer, result, maxResultBytes);

    /// <summary>The result's <c>errors</c> array alone (graphql-transport-ws <c>error</c> payload: GraphQLError[]).</summary>
    public string Errors(ExecutionResult result)
    {
        using var document = JsonDocument.Parse(serializer.Serialize(result));
        return document.RootElement.TryGetProperty("errors", out var errors) ? errors.GetRawText() : "[]";
    }
}
