namespace GraphQLServer.Uploads;

/// <summary>
/// Multipart requests (the GraphQL multipart request spec: <c>operations</c>, <c>map</c>, then the file parts) on POST.
/// Off unless the host turns them on.
/// </summary>
public sealed class GraphQLUploadOptions
{
    /// <summary>Whether POST accepts <c>multipart/form-data</c>; off, such a request gets 415 like any other non-JSON body.</summary>
    public bool Enabled { get; set; }

    /// <summary>Largest file part kept; a larger one is read to its end and discarded (<see cref="IUploadedFile.ExceedsLimit"/>).</summary>
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Most file parts one request may carry; more get 413 <c>TOO_MANY_FILES</c>.</summary>
    public int MaxFiles { get; set; } = 10;

    /// <summary>Largest whole multipart body; a larger one gets 413 <c>REQUEST_TOO_LARGE</c>.</summary>
    public long MaxRequestBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Where file parts are spooled while the request runs (deleted when it ends); the system's temp folder by default.</summary>
    public string? TempDirectory { get; set; }
}
