namespace KdFamily.Domain.Files;

/// <summary>A read-only view of the seekable <paramref name="source"/> with the redactions applied as it is read (seekable too, for storage clients that retry).</summary>
public sealed class RedactingStream(Stream source, IReadOnlyList<ByteRedaction> redactions) : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => source.Length;

    public override long Position
    {
        get => _position;
        set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        source.Position = _position;
        var read = source.Read(buffer);
        Apply(buffer[..read]);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        source.Position = _position;
        var read = await source.ReadAsync(buffer, cancellationToken);
        Apply(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private void Apply(Span<byte> read)
    {
        var start = _position;
        var end = start + read.Length;
        foreach (var redaction in redactions)
        {
            var from = Math.Max(start, redaction.Offset);
            var to = Math.Min(end, redaction.Offset + redaction.Length);
            for (var p = from; p < to; p++)
            {
                read[(int)(p - start)] = redaction.ByteAt(p);
            }
        }

        _position = end;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => source.Length + offset,
    };

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            source.Dispose();
        }

        base.Dispose(disposing);
    }
}
