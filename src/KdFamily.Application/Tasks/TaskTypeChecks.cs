using KdFamily.Application.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Application.Tasks;

/// <summary>Whether a task may use a task type: one of the caller's family, not deleted.</summary>
internal static class TaskTypeChecks
{
    public static Task<bool> IsFamilysAsync(MemberWork work, Guid taskTypeId, CancellationToken cancellationToken) =>
        work.Db.TaskTypes.AnyAsync(t => t.Id == taskTypeId && t.FamilyId == work.Caller.FamilyId, cancellationToken);
}
