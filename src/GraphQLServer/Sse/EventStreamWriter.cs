using System.IO.Pipelines;
using System.Text;

namespace GraphQLServer.Sse;

/// <summary>
/// Writes the graphql-sse wire format to a response: <c>event: next</c> / <c>event: complete</c> messages and
/// <c>:</c> keep-alive comments, each flushed at once. Every flush is bounded by a write timeout; a client that does
/// not take the bytes in time makes the write throw <see cref="OperationCanceledException"/>.
/// </summary>
public sealed class EventStreamWriter(PipeWriter output, TimeSpan writeTimeout, CancellationToken aborted)
{
    private static readonly byte[] KeepAliveBytes = ":\n\n"u8.ToArray();

    // EventSource only dispatches an event that has a data field, so complete carries an empty one (graphql-sse PROTOCOL).
    private static readonly byte[] CompleteBytes = "event: complete\ndata:\n\n"u8.ToArray();

    public Task WriteKeepAliveAsync() => WriteAsync(KeepAliveBytes);

    public Task WriteCompleteAsync() => WriteAsync(CompleteBytes);

    /// <summary>Writes <c>event: next</c> with <paramref name="json"/> as its data (one <c>data:</c> line per line of the JSON).</summary>
    public Task WriteNextAsync(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var message = new StringBuilder(json.Length + 24).Append("event: next\n");
        foreach (var line in json.Split('\n'))
        {
            message.Append("data: ").Append(line.TrimEnd('\r')).Append('\n');
        }

        return WriteAsync(Encoding.UTF8.GetBytes(message.Append('\n').ToString()));
    }

    private async Task WriteAsync(byte[] bytes)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        timeout.CancelAfter(writeTimeout);
        var result = await output.WriteAsync(bytes, timeout.Token);
        if (result.IsCanceled || result.IsCompleted)
        {
            throw new OperationCanceledException("The event stream's reader went away.");
        }
    }
}
