using System.Text.Json;
using GraphQL;
using GraphQL.Types;

namespace GraphQLServer.WebSockets;

/// <summary>
/// The legacy subprotocol <c>graphql-ws</c> of subscriptions-transport-ws (Apollo): connection_init →
/// connection_ack + <c>ka</c>, start/data/stop/complete, <c>error</c> for an operation that failed before
/// execution, <c>connection_error</c> for a rejected init or an unparsable message, connection_terminate.
/// </summary>
internal sealed class SubscriptionsTransportWsSession<TSchema>(
    HttpContext http, GraphQLWebSocketConnection connection, GraphQLWebSocketOptions options, KeepAliveTicker? keepAlive, ILogger logger)
    : GraphQLWebSocketSession<TSchema>(http, connection, options, keepAlive, logger)
    where TSchema : ISchema
{
    public const string SubProtocol = "graphql-ws";

    private static readonly byte[] KeepAlive = OperationMessageWriter.Message("ka");

    protected override byte[] KeepAliveMessage => KeepAlive;

    protected override async Task HandleMessageAsync(ReadOnlyMemory<byte> message)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message);
        }
        catch (JsonException)
        {
            ConnectionError("Message must be JSON-parseable");
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("type", out var typeProperty)
                || typeProperty.ValueKind != JsonValueKind.String)
            {
                ConnectionError("Message must be an object with a string 'type'");
                return;
            }

            var id = root.TryGetProperty("id", out var idProperty) && idProperty.ValueKind == JsonValueKind.String ? idProperty.GetString() : null;
            switch (typeProperty.GetString())
            {
                case "connection_init":
                    await InitAsync(root);
                    break;
                case "connection_terminate":
                    Connection.Close(1000, "Normal closure");
                    break;
                case "start":
                    Start(id, root);
                    break;
                case "stop":
                    if (id is not null && StopOperation(id))
                    {
                        SendComplete(id);
                    }

                    break;
                default:
                    Error(id, "Invalid message type!");
                    break;
            }
        }
    }

    protected override Task HandleBinaryMessageAsync()
    {
        ConnectionError("Binary messages are not supported");
        return Task.CompletedTask;
    }

    private async Task InitAsync(JsonElement root)
    {
        if (!GraphQLTransportWsSession<TSchema>.TryGetPayload(root, out var payload))
        {
            Reject("The connection_init payload must be an object");
            return;
        }

        if (!TryMarkInitialised())
        {
            ConnectionError("Too many initialisation requests");
            return;
        }

        var result = await AuthenticateAsync(payload);
        if (!result.Succeeded)
        {
            Reject(result.FailureReason ?? "Forbidden", result.CloseCode ?? 4403);
            return;
        }

        // The keep-alive goes out right after the ack (subscriptions-transport-ws clients start their timeout on it).
        Acknowledge(OperationMessageWriter.Message("connection_ack"), KeepAlive);
    }

    private void Start(string? id, JsonElement root)
    {
        if (string.IsNullOrEmpty(id))
        {
            ConnectionError("'start' needs a non-empty string 'id'");
            return;
        }

        if (!Acknowledged)
        {
            Error(id, "The connection has not been initialised: send connection_init first");
            return;
        }

        if (!root.TryGetProperty("payload", out var payload))
        {
            Error(id, "Invalid 'start' message: missing payload");
            return;
        }

        if (!GraphQLWebSocketRequestReader.TryRead(payload, Serializer, out var request, out var problem))
        {
            Error(id, $"Invalid 'start' message: {problem}");
            return;
        }

        // subscriptions-transport-ws replaces an operation started again under the same id.
        StopOperation(id);
        if (RefuseOverOperationLimit() is { } refused)
        {
            SendRequestErrors(id, refused);
            return;
        }

        if (!TryStartOperation(id, request))
        {
            Error(id, $"Subscriber for {id} already exists");
        }
    }

    protected override void OnInitTimeout() => Reject("Connection initialisation timeout", 4408);

    protected override void CloseForbidden(string reason) => Reject(reason);

    protected override void SendNext(string id, ExecutionResult result) =>
        Connection.Send(OperationMessageWriter.Message("data", id, Writer.Result(result)));

    protected override void SendRequestErrors(string id, ExecutionResult result) =>
        Connection.Send(OperationMessageWriter.Message("error", id, Writer.Result(result)));

    protected override void SendComplete(string id) => Connection.Send(OperationMessageWriter.Message("complete", id));

    private void Error(string? id, string message) =>
        Connection.Send(OperationMessageWriter.Message("error", id, OperationMessageWriter.MessagePayload(message)));

    private void ConnectionError(string message) =>
        Connection.Send(OperationMessageWriter.Message("connection_error", payloadJson: OperationMessageWriter.MessagePayload(message)));

    /// <summary>connection_error, then close (4403 Forbidden unless another code is given).</summary>
    private void Reject(string message, int code = 4403)
    {
        ConnectionError(message);
        Connection.Close(code, code == 4403 ? "Forbidden" : message);
    }
}
