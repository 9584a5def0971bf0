namespace GraphQLServer.Uploads;

/// <summary>
/// A file part of a multipart GraphQL request, the value of an <c>Upload</c> variable. Its bytes were spooled to a
/// temporary file while the request was read (never held in memory) and are deleted when the request ends.
/// </summary>
public interface IUploadedFile
{
    /// <summary>The file name the client gave (untrusted, may be empty).</summary>
    string FileName { get; }

    /// <summary>The content type the client declared (untrusted: check the bytes).</summary>
    string? DeclaredContentType { get; }

    /// <summary>Bytes received, at most <see cref="GraphQLUploadOptions.MaxFileBytes"/> + 1.</summary>
    long Length { get; }

    /// <summary>
    /// The part was larger than <see cref="GraphQLUploadOptions.MaxFileBytes"/>: its bytes were discarded, only the
    /// fact is kept so the resolver can answer with its own error.
    /// </summary>
    bool ExceedsLimit { get; }

    /// <summary>A new seekable read-only stream over the bytes; the caller disposes it.</summary>
    Stream OpenReadStream();
}
