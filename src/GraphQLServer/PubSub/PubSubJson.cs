using System.Text.Json;

namespace GraphQLServer.PubSub;

/// <summary>The JSON shape of topic messages (camelCase, like the rest of the wire).</summary>
internal static class PubSubJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
