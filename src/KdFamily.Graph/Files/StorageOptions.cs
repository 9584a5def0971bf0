using System.ComponentModel.DataAnnotations;

namespace KdFamily.Graph.Files;

/// <summary>Which file storage holds attachments.</summary>
public enum StorageProvider
{
    /// <summary>A folder of this machine (<see cref="StorageOptions.LocalPath"/>): one instance, or a shared volume.</summary>
    Local,

    /// <summary>An S3-compatible bucket (<see cref="StorageOptions.S3"/>): AWS, MinIO, Ceph, R2 and the like.</summary>
    S3,
}

/// <summary>The `Storage:*` settings: where uploaded files go, how large they may be, how long their links work.</summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Local;

    /// <summary>The folder of <see cref="StorageProvider.Local"/>; by default <c>kdfamily/files</c> in the user's local application data.</summary>
    public string LocalPath { get; set; } =
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "kdfamily", "files");

    /// <summary>Where uploads are spooled while their request runs (deleted when it ends); the system's temp folder when empty.</summary>
    public string? TempPath { get; set; }

    [Range(1, 1024L * 1024 * 1024, ErrorMessage = "Storage:MaxFileBytes must be between 1 byte and 1 GiB.")]
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "Storage:LinkLifetime must be between 1 minute and 1 day.")]
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public S3StorageOptions S3 { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == StorageProvider.Local && string.IsNullOrWhiteSpace(LocalPath))
        {
            yield return new("Storage:LocalPath is required when Storage:Provider is Local.", [nameof(LocalPath)]);
        }

        if (Provider == StorageProvider.S3 && (string.IsNullOrWhiteSpace(S3.Bucket) || string.IsNullOrWhiteSpace(S3.AccessKey) || string.IsNullOrWhiteSpace(S3.SecretKey)))
        {
            yield return new("Storage:S3:Bucket, Storage:S3:AccessKey and Storage:S3:SecretKey are required when Storage:Provider is S3.", [nameof(S3)]);
        }
    }
}

/// <summary>The `Storage:S3:*` settings.</summary>
public sealed class S3StorageOptions
{
    /// <summary>The endpoint of an S3-compatible store (e.g. http://minio:9000); empty for AWS itself, chosen by <see cref="Region"/>.</summary>
    public string? ServiceUrl { get; set; }

    public string Region { get; set; } = "us-east-1";

    public string? Bucket { get; set; }

    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>Path-style addressing (<c>endpoint/bucket/key</c>), which most S3-compatible stores need.</summary>
    public bool ForcePathStyle { get; set; } = true;
}
