using KdFamily.Application.Pipeline;
using KdFamily.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Application.Families;

/// <summary>What the membership use cases share.</summary>
internal static class FamilyWork
{
    /// <summary>The caller's family's current advisors; read under <see cref="FamilyLocking.Family"/>, so no concurrent change alters it.</summary>
    public static Task<int> CountAdvisorsAsync(this MemberWork work, CancellationToken cancellationToken) =>
        work.Db.Users.CountAsync(u => u.FamilyId == work.Caller.FamilyId && u.Role == UserRole.Advisor && u.RemovedAt == null, cancellationToken);
}
