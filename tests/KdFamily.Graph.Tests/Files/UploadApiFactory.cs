using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using KdFamily.Graph.Tests.Infrastructure;

namespace KdFamily.Graph.Tests.Files;

/// <summary>
/// A host that takes uploads: files of at most <see cref="MaxFileBytes"/>, spooled to its own <see cref="SpoolPath"/>,
/// so a test can see that nothing is left there, and a storage whose objects a test can list.
/// </summary>
public abstract class UploadApiFactory : KdFamilyApiFactory
{
    public const int MaxFileBytes = 64 * 1024;

    public string SpoolPath { get; } = Directory.CreateTempSubdirectory("kdfamily-spool-").FullName;

    /// <summary>Every object in the storage (for the local folder also unfinished writes).</summary>
    public abstract Task<IReadOnlyList<string>> StoredKeysAsync();

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
    [
        new("Storage:MaxFileBytes", MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Storage:TempPath", SpoolPath),
        .. StorageSettings(),
    ];

    protected abstract IEnumerable<KeyValuePair<string, string?>> StorageSettings();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(SpoolPath, recursive: true);
        GC.SuppressFinalize(this);
    }
}

/// <summary>The default storage: a local folder.</summary>
public sealed class LocalStorageApiFactory : UploadApiFactory
{
    public string StoragePath { get; } = Directory.CreateTempSubdirectory("kdfamily-files-").FullName;

    public override Task<IReadOnlyList<string>> StoredKeysAsync() =>
        Task.FromResult<IReadOnlyList<string>>(Directory.GetFiles(StoragePath, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(StoragePath, f)).ToList());

    protected override IEnumerable<KeyValuePair<string, string?>> StorageSettings() => [new("Storage:LocalPath", StoragePath)];

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(StoragePath, recursive: true);
    }
}

/// <summary>An S3-compatible bucket on s3rver, started for the class.</summary>
public sealed class S3StorageApiFactory : UploadApiFactory
{
    private readonly S3rverProcess _s3 = new("kdfamily-tests");

    public override async Task<IReadOnlyList<string>> StoredKeysAsync()
    {
        using var client = new AmazonS3Client(
            new BasicAWSCredentials(S3rverProcess.AccessKey, S3rverProcess.SecretKey),
            new AmazonS3Config { ServiceURL = _s3.Endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        var listed = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _s3.Bucket });
        return (listed.S3Objects ?? []).Select(o => o.Key).ToList();
    }

    protected override IEnumerable<KeyValuePair<string, string?>> StorageSettings() =>
    [
        new("Storage:Provider", "S3"),
        new("Storage:S3:ServiceUrl", _s3.Endpoint.ToString()),
        new("Storage:S3:Bucket", _s3.Bucket),
        new("Storage:S3:AccessKey", S3rverProcess.AccessKey),
        new("Storage:S3:SecretKey", S3rverProcess.SecretKey),
    ];

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _s3.Dispose();
    }
}
