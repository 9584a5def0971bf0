using System.Globalization;
using System.Text;
using GraphQL;

namespace GraphQLServer.Limits;

/// <summary>
/// Keeps one response (an HTTP body, a WebSocket or SSE message) under <see cref="GraphQLLimits.MaxResponseBytes"/>:
/// a result that serializes larger is replaced by <c>{"data": null, "errors": [RESPONSE_TOO_LARGE]}</c>. The cost
/// limit keeps this rare; it is the last line for what cost cannot see (long texts).
/// </summary>
public static class ResponseSizeLimit
{
    public const string ErrorCode = "RESPONSE_TOO_LARGE";

    public static ExecutionResult TooLarge(int maxBytes) => new()
    {
        Executed = true,
        Errors =
        [
            new ExecutionError(string.Create(CultureInfo.InvariantCulture,
                $"The response would be larger than {maxBytes:N0} bytes, the most allowed; select fewer fields or ask for smaller pages."))
            {
                Code = ErrorCode,
            },
        ],
    };

    /// <summary>Serializes <paramref name="result"/> to a string of at most <paramref name="maxBytes"/> UTF-8 bytes.</summary>
    public static string Serialize(IGraphQLTextSerializer serializer, ExecutionResult result, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        var json = serializer.Serialize(result);
        return json.Length > maxBytes / 3 && Encoding.UTF8.GetByteCount(json) > maxBytes
            ? serializer.Serialize(TooLarge(maxBytes))
            : json;
    }

    /// <summary>
    /// Writes <paramref name="result"/> to <paramref name="response"/> with its Content-Length, serializing into a
    /// buffer that refuses to grow past <paramref name="maxBytes"/>.
    /// </summary>
    public static async Task WriteAsync(HttpResponse response, IGraphQLTextSerializer serializer, ExecutionResult result, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(serializer);
        using var buffer = new BoundedBuffer(maxBytes);
        try
        {
            await serializer.WriteAsync(buffer, result, cancellationToken);
        }
        catch (ResponseTooLargeException)
        {
            buffer.SetLength(0);
            await serializer.WriteAsync(buffer, TooLarge(maxBytes), cancellationToken);
        }

        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
    }

    private sealed class ResponseTooLargeException() : IOException("The response passed its size limit.");

    private sealed class BoundedBuffer(int maxBytes) : MemoryStream(Math.Min(maxBytes, 16 * 1024))
    {
        public override void Write(byte[] buffer, int offset, int count)
        {
            Check(count);
            base.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Check(buffer.Length);
            base.Write(buffer);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Check(buffer.Length);
            return base.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Check(count);
            return base.WriteAsync(buffer, offset, count, cancellationToken);
        }

        public override void WriteByte(byte value)
        {
            Check(1);
            base.WriteByte(value);
        }

        private void Check(int count)
        {
            if (Length + count > maxBytes)
            {
                throw new ResponseTooLargeException();
            }
        }
    }
}
