using KdFamily.Application.Pipeline;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Tasks;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Application.TaskTypes;

/// <summary>The steps the task-type use cases share.</summary>
internal static class TaskTypeWork
{
    /// <summary>A live task type of the caller's family; null for a malformed, foreign, deleted or missing id.</summary>
    public static async Task<TaskType?> FindTaskTypeAsync(this MemberWork work, Guid? taskTypeId, CancellationToken cancellationToken) =>
        taskTypeId is { } id
            ? await work.Db.TaskTypes.FirstOrDefaultAsync(t => t.Id == id && t.FamilyId == work.Caller.FamilyId, cancellationToken)
            : null;

    public static DomainError TaskTypeNotFound() => NotFoundError.Of("Task type");

    /// <summary>A live type of the family with the same name, saved first (even concurrently), makes this change TASK_TYPE_NAME_TAKEN.</summary>
    public static void RefuseTakenName(this MemberWork work, TaskType type) =>
        work.OnUniqueViolation(
            TaskTypeAdministration.UniqueNameIndex, new TaskTypeNameTakenError($"The family already has a task type named \"{type.Name}\"."));
}
