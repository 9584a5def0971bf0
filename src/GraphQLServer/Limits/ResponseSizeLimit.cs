using System.Buffers;
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
    /// pooled buffer that refuses to grow past <paramref name="maxBytes"/>.
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
            buffer.Clear();
            await serializer.WriteAsync(buffer, TooLarge(maxBytes), cancellationToken);
        }

        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.Written, cancellationToken);
    }

    private sealed class ResponseTooLargeException() : IOException("The response passed its size limit.");

    /// <summary>A write-only stream over arrays rented from the shared pool (returned on dispose), at most maxBytes long.</summary>
    private sealed class BoundedBuffer(int maxBytes) : Stream
    {
        private byte[] _bytes = ArrayPool<byte>.Shared.Rent(Math.Min(maxBytes, 16 * 1024));
        private int _length;

        public ReadOnlyMemory<byte> Written => _bytes.AsMemory(0, _length);

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position
        {
            get => _length;
            set => throw new NotSupportedException();
        }

        public void Clear() => _length = 0;

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if ((long)_length + buffer.Length > maxBytes)
            {
                throw new ResponseTooLargeException();
            }

            if (_length + buffer.Length > _bytes.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(maxBytes, Math.Max(_length + buffer.Length, 2L * _bytes.Length)));
                _bytes.AsSpan(0, _length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_bytes);
                _bytes = larger;
            }

            buffer.CopyTo(_bytes.AsSpan(_length));
            _length += buffer.Length;
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void WriteByte(byte value) => Write([value]);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && _bytes.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_bytes);
                _bytes = [];
                _length = 0;
            }

            base.Dispose(disposing);
        }
    }
}
