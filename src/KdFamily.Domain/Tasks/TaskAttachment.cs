using NodaTime;

namespace KdFamily.Domain.Tasks;

/// <summary>A file attached to a task (e.g. a photo proving the work was done).</summary>
public sealed class TaskAttachment
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TaskId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long SizeBytes { get; set; }
    public required string Url { get; set; }
    public Guid UploadedById { get; set; }
    public Instant CreatedAt { get; set; }

    /// <summary>Where an uploaded file's bytes are in the file storage; null for an external file, whose <see cref="Url"/> is its address.</summary>
    public string? StorageKey { get; set; }
}
