namespace KdFamily.Application.Files;

/// <summary>
/// Where uploaded files' bytes live (the host's local folder or an S3-compatible bucket). Keys are the application's;
/// content is streamed in and out, never held whole in memory.
/// </summary>
public interface IFileStorage
{
    /// <summary>Stores <paramref name="length"/> bytes read from <paramref name="content"/> under <paramref name="key"/>; a failed write leaves nothing.</summary>
    Task PutAsync(string key, Stream content, long length, string contentType, CancellationToken cancellationToken);

    /// <summary>The stored bytes, or null when nothing is stored under <paramref name="key"/>.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Removes the bytes under <paramref name="key"/>; nothing there is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);
}

/// <summary>The host's limits for attachments.</summary>
public sealed record AttachmentSettings(long MaxFileBytes);

/// <summary>A file as the transport received it: its declared name, its size, and its bytes on demand (seekable).</summary>
public sealed record FileUpload(string Name, long Length, bool ExceedsLimit, Func<Stream> OpenRead);
