namespace GraphQLServer.Uploads;

/// <summary>
/// The file parts of one request, each in its own temporary file, all deleted when the request ends (disposal), also
/// when the client went away half-way.
/// </summary>
public sealed class UploadSpool : IAsyncDisposable
{
    private const int CopyBufferSize = 64 * 1024;
    private readonly List<SpooledFile> _files = [];

    public IReadOnlyList<IUploadedFile> Files => _files;

    /// <summary>
    /// Copies <paramref name="body"/> to a new temporary file, keeping at most <paramref name="maxBytes"/> (a larger part
    /// is read to its end and its file deleted: marked <see cref="IUploadedFile.ExceedsLimit"/>).
    /// </summary>
    public async Task<IUploadedFile> AddAsync(
        Stream body, string fileName, string? contentType, long maxBytes, string directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var path = Path.Combine(directory, "graphql-upload-" + Guid.NewGuid().ToString("N"));
        var file = new SpooledFile(path, fileName, contentType);
        _files.Add(file);
        var buffer = new byte[CopyBufferSize];
        await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0, FileOptions.Asynchronous))
        {
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                file.Length += read;
                if (file.Length > maxBytes)
                {
                    file.ExceedsLimit = true;
                    break;
                }

                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }

        if (file.ExceedsLimit)
        {
            File.Delete(path);
            while (await body.ReadAsync(buffer, cancellationToken) > 0)
            {
                // Drain the rest of the part to reach the next one; its bytes are not kept.
            }
        }

        return file;
    }

    public ValueTask DisposeAsync()
    {
        foreach (var file in _files)
        {
            try
            {
                File.Delete(file.Path);
            }
            catch (IOException)
            {
                // Still open by a reader that outlived the request: the folder is temporary, nothing depends on it.
            }
        }

        _files.Clear();
        return ValueTask.CompletedTask;
    }

    private sealed class SpooledFile(string path, string fileName, string? contentType) : IUploadedFile
    {
        public string Path { get; } = path;

        public string FileName { get; } = fileName;

        public string? DeclaredContentType { get; } = contentType;

        public long Length { get; set; }

        public bool ExceedsLimit { get; set; }

        public Stream OpenReadStream() => ExceedsLimit
            ? throw new InvalidOperationException("The upload exceeded the size limit; its bytes were not kept.")
            : new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, FileOptions.Asynchronous);
    }
}
