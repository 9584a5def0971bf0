using System.Text;

namespace KdFamily.Testing;

/// <summary>One server-sent message as read off the wire: a comment (keep-alive) or an event with its data.</summary>
public sealed record SseMessage(string? Event, string? Data, bool IsComment, string Raw);

/// <summary>
/// Reads an event stream message by message (a message ends at a blank line), keeping each message's raw text so
/// tests can check the exact wire format.
/// </summary>
public sealed class EventStreamReader(Stream stream) : IDisposable
{
    private readonly StreamReader _reader = new(stream, Encoding.UTF8);

    /// <summary>The next message, or null at the end of the stream. Gives up after <paramref name="timeout"/> (default 30 s).</summary>
    public async Task<SseMessage?> ReadAsync(TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        var raw = new StringBuilder();
        string? eventName = null;
        StringBuilder? data = null;
        var comment = false;
        while (true)
        {
            var line = await _reader.ReadLineAsync(cancellation.Token);
            if (line is null)
            {
                return raw.Length == 0 ? null : throw new InvalidDataException("The stream ended inside a message: " + raw);
            }

            raw.Append(line).Append('\n');
            if (line.Length == 0)
            {
                return new SseMessage(eventName, data?.ToString(), comment && eventName is null && data is null, raw.ToString());
            }

            if (line.StartsWith(':'))
            {
                comment = true;
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            if (field == "event")
            {
                eventName = value;
            }
            else if (field == "data")
            {
                data = data is null ? new StringBuilder(value) : data.Append('\n').Append(value);
            }
        }
    }

    /// <summary>The next message that is not a keep-alive comment.</summary>
    public async Task<SseMessage?> ReadEventAsync(TimeSpan? timeout = null)
    {
        while (true)
        {
            var message = await ReadAsync(timeout);
            if (message is null || !message.IsComment)
            {
                return message;
            }
        }
    }

    public void Dispose() => _reader.Dispose();
}
