using KdFamily.Application.Pipeline;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Files;
using KdFamily.Domain.Tasks;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Application.Files;

public sealed record RemoveTaskAttachment(Guid CallerId, Guid? FileId) : IMemberCommand;

/// <summary>
/// Whoever attached a file, or a parent, removes it from its task: the row, the audit entry and the <c>taskUpdated</c>
/// event in one transaction; the stored bytes are deleted once that has committed.
/// </summary>
public sealed class RemoveTaskAttachmentHandler(UseCasePipeline pipeline, IFileStorage storage) : IUseCase<RemoveTaskAttachment, FamilyTask>
{
    public const string DetachAction = "detach";

    public Task<Result<FamilyTask>> HandleAsync(RemoveTaskAttachment command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return pipeline.RunAsync<FamilyTask>(command, async (work, token) =>
        {
            var found = command.FileId is null
                ? null
                : await work.Db.TaskAttachments
                    .Join(work.Db.Tasks, a => a.TaskId, t => t.Id, (a, t) => new { File = a, Task = t })
                    .FirstOrDefaultAsync(x => x.File.Id == command.FileId && x.Task.FamilyId == work.Caller.FamilyId, token);
            if (found is null)
            {
                return NotFoundError.Of("File");
            }

            if (AttachmentRules.MayRemove(found.File, work.Caller) is { } error)
            {
                return error;
            }

            work.Db.TaskAttachments.Remove(found.File);
            work.Audit.Record(
                AuditActions.TaskAttachmentRemoved, found.Task.FamilyId, work.Caller.Id, "Task", found.Task.Id,
                new { fileId = found.File.Id, fileName = found.File.FileName });
            work.Events.TaskChanged(found.Task, DetachAction);
            if (found.File.StorageKey is { } key)
            {
                StoredFiles.DeleteAfterCommit(work, storage, [key]);
            }

            return found.Task;
        }, cancellationToken);
    }
}
