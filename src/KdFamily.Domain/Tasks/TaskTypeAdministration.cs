using KdFamily.Domain.Errors;
using KdFamily.Domain.Users;
using NodaTime;

namespace KdFamily.Domain.Tasks;

/// <summary>
/// Managing a family's task types: parents and advisors only. Names are unique among a family's live types; the
/// database's <see cref="UniqueNameIndex"/> decides that, also between concurrent changes.
/// </summary>
public static class TaskTypeAdministration
{
    /// <summary>The unique index on (family, name) among live task types.</summary>
    public const string UniqueNameIndex = "ix_task_types_family_id_name";

    public const int MaxName = 100;
    public const int MaxIcon = 100;
    public const int MaxDefaultPoints = 1000;

    public static Result<TaskType> Create(User actor, string name, string? icon, int defaultPoints, Instant now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var type = new TaskType { FamilyId = actor.FamilyId, Name = "", CreatedAt = now };
        return Update(type, actor, name ?? "", icon, defaultPoints);
    }

    /// <summary>Changes the given fields (null leaves one as it is; an empty icon removes it).</summary>
    public static Result<TaskType> Update(TaskType type, User actor, string? name, string? icon, int? defaultPoints)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(actor);
        if (Guard(type, actor) is { } error)
        {
            return error;
        }

        var newName = name?.Trim();
        if (newName is not null && (newName.Length == 0 || newName.Length > MaxName))
        {
            return new ValidationError("name", $"The name must have 1 to {MaxName} characters.");
        }

        var newIcon = icon?.Trim();
        if (newIcon is { Length: > MaxIcon })
        {
            return new ValidationError("icon", $"The icon may have at most {MaxIcon} characters.");
        }

        if (defaultPoints is < 0 or > MaxDefaultPoints)
        {
            return new ValidationError("defaultPoints", $"Default points must be between 0 and {MaxDefaultPoints}.");
        }

        type.Name = newName ?? type.Name;
        type.Icon = newIcon is null ? type.Icon : newIcon.Length == 0 ? null : newIcon;
        type.DefaultPoints = defaultPoints ?? type.DefaultPoints;
        return type;
    }

    /// <summary>Soft-deletes the type: it disappears from lists; tasks that used it keep their history.</summary>
    public static Result<TaskType> Delete(TaskType type, User actor, Instant now)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(actor);
        if (Guard(type, actor) is { } error)
        {
            return error;
        }

        type.DeletedAt = now;
        return type;
    }

    private static DomainError? Guard(TaskType type, User actor)
    {
        if (type.FamilyId != actor.FamilyId || type.DeletedAt is not null || actor.RemovedAt is not null)
        {
            return NotFoundError.Of("Task type");
        }

        return actor.Role < UserRole.Parent ? new NotAuthorizedError("Only parents and advisors manage task types.") : null;
    }
}
