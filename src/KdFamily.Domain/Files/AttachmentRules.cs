using KdFamily.Domain.Errors;
using KdFamily.Domain.Families;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;

namespace KdFamily.Domain.Files;

/// <summary>Who may attach proof to a task and take it away again, and how much a task holds.</summary>
public static class AttachmentRules
{
    /// <summary>The task's assignee or a parent+ of its family, while the task holds fewer than the limit.</summary>
    public static DomainError? MayAttach(FamilyTask task, User caller, int attachedCount)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(caller);
        if (task.AssignedToId != caller.Id && caller.Role < UserRole.Parent)
        {
            return new NotAuthorizedError("Only the task's assignee or a parent may attach files to it.");
        }

        return attachedCount >= FamilyLimits.MaxAttachmentsPerTask
            ? new ValidationError("file", $"A task holds at most {FamilyLimits.MaxAttachmentsPerTask} files; remove one first.")
            : null;
    }

    /// <summary>Whoever attached the file, or a parent+ of the family.</summary>
    public static DomainError? MayRemove(TaskAttachment file, User caller)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(caller);
        return file.UploadedById == caller.Id || caller.Role >= UserRole.Parent
            ? null
            : new NotAuthorizedError("Only whoever attached the file, or a parent, may remove it.");
    }

    /// <summary>Size first (cheapest), then the kind of the bytes.</summary>
    public static DomainError? CheckFile(long length, bool exceedsLimit, long maxBytes, AttachmentFileType? detected)
    {
        if (exceedsLimit || length > maxBytes)
        {
            return FileTooLargeError.Of(maxBytes);
        }

        return detected is null
            ? new UnsupportedFileTypeError("Only JPEG, PNG, WebP, HEIC images and PDF documents can be attached (checked on the file's content, not its name).")
            : null;
    }
}
