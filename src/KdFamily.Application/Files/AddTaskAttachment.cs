using KdFamily.Application.Pipeline;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Files;
using KdFamily.Domain.Tasks;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Application.Files;

public sealed record AddTaskAttachment(Guid CallerId, Guid? TaskId, FileUpload File) : IMemberCommand;

/// <summary>
/// The assignee or a parent attaches a file (e.g. a photo of the finished work) to a task of their family. The file is
/// checked on its bytes (size, then kind), its location metadata is blanked, and it is streamed to storage before the
/// transaction, so no row lock waits on an upload; the row, the audit entry and the <c>taskUpdated</c> event follow in
/// the pipeline. If that refuses or fails, the stored object is deleted: nothing is left without its row.
/// </summary>
public sealed class AddTaskAttachmentHandler(UseCasePipeline pipeline, IFileStorage storage, AttachmentSettings settings)
    : IUseCase<AddTaskAttachment, TaskAttachment>
{
    public const string AttachAction = "attach";

    public async Task<Result<TaskAttachment>> HandleAsync(AddTaskAttachment command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var upload = command.File;
        AttachmentFileType? type = null;
        await using var source = upload.ExceedsLimit ? null : upload.OpenRead();
        if (source is not null)
        {
            var header = new byte[AttachmentFileTypes.HeaderLength];
            var read = await source.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
            type = AttachmentFileTypes.Detect(header.AsSpan(0, read));
        }

        if (AttachmentRules.CheckFile(upload.Length, upload.ExceedsLimit, settings.MaxFileBytes, type) is { } refused)
        {
            return refused;
        }

        var redactions = LocationMetadata.FindRedactions(source!, type!.Value);
        if (redactions is null)
        {
            return new UnsupportedFileTypeError("The photo's metadata could not be read, so its location could not be removed; export it again as JPEG or PNG.");
        }

        var fileId = Guid.CreateVersion7();
        var key = $"attachments/{fileId:N}";
        var contentType = AttachmentFileTypes.ContentType(type.Value);
        var length = source!.Length;
        source.Position = 0;
        var kept = false;
        try
        {
            await using (var clean = new RedactingStream(source, redactions))
            {
                await storage.PutAsync(key, clean, length, contentType, cancellationToken);
            }

            var result = await pipeline.RunAsync<TaskAttachment>(command, async (work, token) =>
            {
                // The task row, locked until the commit: two uploads at once cannot both take the last free place.
                await work.Db.Database.ExecuteSqlAsync(
                    $"SELECT 1 FROM tasks WHERE id = {command.TaskId} AND family_id = {work.Caller.FamilyId} FOR NO KEY UPDATE", token);
                var task = command.TaskId is null
                    ? null
                    : await work.Db.Tasks.FirstOrDefaultAsync(t => t.Id == command.TaskId && t.FamilyId == work.Caller.FamilyId, token);
                if (task is null)
                {
                    return NotFoundError.Of("Task");
                }

                var attached = await work.Db.TaskAttachments.CountAsync(a => a.TaskId == task.Id, token);
                if (AttachmentRules.MayAttach(task, work.Caller, attached) is { } error)
                {
                    return error;
                }

                var attachment = new TaskAttachment
                {
                    Id = fileId,
                    TaskId = task.Id,
                    FileName = AttachmentNames.Clean(upload.Name),
                    ContentType = contentType,
                    SizeBytes = length,
                    Url = "",
                    StorageKey = key,
                    UploadedById = work.Caller.Id,
                    CreatedAt = work.Now,
                };
                work.Db.TaskAttachments.Add(attachment);
                work.Audit.Record(
                    AuditActions.TaskAttachmentAdded, task.FamilyId, work.Caller.Id, "Task", task.Id,
                    new { fileId, contentType, sizeBytes = length, locationRemoved = redactions.Count > 0 });
                work.Events.TaskChanged(task, AttachAction);
                return attachment;
            }, cancellationToken);
            kept = result.Error is null;
            return result;
        }
        finally
        {
            if (!kept)
            {
                await storage.DeleteAsync(key, CancellationToken.None);
            }
        }
    }
}
