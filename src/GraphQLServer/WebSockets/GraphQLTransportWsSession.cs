using System.Text.Json;
using GraphQL;
using GraphQL.Types;

namespace GraphQLServer.WebSockets;

/// <summary>
/// The <c>graphql-transport-ws</c> subprotocol (the graphql-ws library's PROTOCOL.md): connection_init/ack,
/// ping/pong, subscribe/next/error/complete, and its close codes for protocol violations.
/// </summary>
internal sealed class GraphQLTransportWsSession<TSchema>(
    HttpContext http, GraphQLWebSocketConnection connection, GraphQLWebSocketOptions options, KeepAliveTicker? keepAlive, ILogger logger)
    : GraphQLWebSocketSession<TSchema>(http, connection, options, keepAlive, logger)
    where TSchema : ISchema
{
    public const string SubProtocol = "graphql-transport-ws";

    private static readonly byte[] Ping = OperationMessageWriter.Message("ping");

    protected override byte[] KeepAliveMessage => Ping;

    protected override bool KeepAliveExpectsAnswer => true;

    protected override async Task HandleMessageAsync(ReadOnlyMemory<byte> message)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message);
        }
        catch (JsonException)
        {
            BadRequest("Invalid message received: not JSON");
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("type", out var typeProperty)
                || typeProperty.ValueKind != JsonValueKind.String)
            {
                BadRequest("Invalid message received: missing the 'type' property");
                return;
            }

            var type = typeProperty.GetString()!;
            if (!TryGetPayload(root, out var payload))
            {
                BadRequest($"Invalid message received: the '{type}' payload must be an object");
                return;
            }

            switch (type)
            {
                case "connection_init":
                    await InitAsync(payload);
                    break;
                case "ping":
                    Connection.Send(OperationMessageWriter.Message("pong", payloadJson: payload?.GetRawText()));
                    break;
                case "pong":
                    PongReceived();
                    break;
                case "subscribe":
                    Subscribe(root, payload);
                    break;
                case "complete":
                    if (TryGetId(root, out var id))
                    {
                        // Unknown or finished ids are ignored (the operation may have just completed).
                        StopOperation(id);
                    }
                    else
                    {
                        BadRequest("Invalid message received: 'complete' needs a non-empty string 'id'");
                    }

                    break;
                case "connection_ack" or "next" or "error":
                    BadRequest($"Unexpected message of type {type} received");
                    break;
                default:
                    BadRequest($"Invalid message received: unknown type '{type}'");
                    break;
            }
        }
    }

    protected override Task HandleBinaryMessageAsync()
    {
        BadRequest("Invalid message received: binary messages are not supported");
        return Task.CompletedTask;
    }

    private async Task InitAsync(JsonElement? payload)
    {
        if (!TryMarkInitialised())
        {
            Connection.Close(4429, "Too many initialisation requests");
            return;
        }

        var result = await AuthenticateAsync(payload);
        if (!result.Succeeded)
        {
            Connection.Close(result.CloseCode ?? 4403, result.CloseCode is null ? "Forbidden" : result.FailureReason ?? "");
            return;
        }

        Acknowledge(OperationMessageWriter.Message("connection_ack"));
    }

    private void Subscribe(JsonElement root, JsonElement? payload)
    {
        if (!Acknowledged)
        {
            Connection.Close(4401, "Unauthorized");
            return;
        }

        if (!TryGetId(root, out var id))
        {
            BadRequest("Invalid message received: 'subscribe' needs a non-empty string 'id'");
            return;
        }

        if (payload is null)
        {
            BadRequest("Invalid message received: 'subscribe' needs a payload");
            return;
        }

        if (!GraphQLWebSocketRequestReader.TryRead(payload.Value, Serializer, out var request, out var problem))
        {
            BadRequest($"Invalid message received: {problem}");
            return;
        }

        // A duplicate id is refused below (4409) whatever the limit.
        if (!IsActive(id) && RefuseOverOperationLimit() is { } refused)
        {
            SendRequestErrors(id, refused);
            return;
        }

        if (!TryStartOperation(id, request))
        {
            Connection.Close(4409, $"Subscriber for {id} already exists");
        }
    }

    protected override void OnInitTimeout() => Connection.Close(4408, "Connection initialisation timeout");

    protected override void CloseForbidden(string reason) => Connection.Close(4403, "Forbidden");

    protected override void SendNext(string id, ExecutionResult result) =>
        Connection.Send(OperationMessageWriter.Message("next", id, Writer.Result(result)));

    protected override void SendRequestErrors(string id, ExecutionResult result) =>
        Connection.Send(OperationMessageWriter.Message("error", id, Writer.Errors(result)));

    protected override void SendComplete(string id) => Connection.Send(OperationMessageWriter.Message("complete", id));

    private void BadRequest(string reason) => Connection.Close(4400, reason);

    private static bool TryGetId(JsonElement root, out string id)
    {
        id = root.TryGetProperty("id", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
        return id.Length > 0;
    }

    /// <summary>The optional payload: absent or null is none; anything but an object is invalid.</summary>
    internal static bool TryGetPayload(JsonElement root, out JsonElement? payload)
    {
        payload = null;
        if (!root.TryGetProperty("payload", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        payload = value;
        return value.ValueKind == JsonValueKind.Object;
    }
}
