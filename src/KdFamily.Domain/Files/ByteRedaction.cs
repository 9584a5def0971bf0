namespace KdFamily.Domain.Files;

/// <summary>
/// Bytes of a file to overwrite, length for length, so every offset in the file stays valid: <see cref="Bytes"/> when
/// given, else <see cref="Length"/> times <see cref="Fill"/>.
/// </summary>
public sealed record ByteRedaction(long Offset, long Length, byte Fill = 0, byte[]? Bytes = null)
{
    public static ByteRedaction Of(long offset, byte[] bytes) => new(offset, bytes.Length, 0, bytes);

    public byte ByteAt(long position) => Bytes is null ? Fill : Bytes[position - Offset];
}
