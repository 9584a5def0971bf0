using System.Linq.Expressions;
using NodaTime;

namespace KdFamily.Domain.Tasks;

/// <summary>Overdue work: the due date has passed and the task is not done (not COMPLETED, not APPROVED).</summary>
public sealed partial class FamilyTask
{
    /// <summary>Whether a task in <paramref name="status"/> still waits for its work: not COMPLETED, not APPROVED.</summary>
    public static bool AwaitsWork(FamilyTaskStatus status) => status is not (FamilyTaskStatus.Completed or FamilyTaskStatus.Approved);

    /// <summary>The tasks overdue at <paramref name="now"/>, as a query condition (the same rule as <see cref="IsOverdueAt"/>).</summary>
    public static Expression<Func<FamilyTask, bool>> OverdueAt(Instant now) =>
        t => t.DueDate != null && t.DueDate < now && t.Status != FamilyTaskStatus.Completed && t.Status != FamilyTaskStatus.Approved;

    public bool IsOverdueAt(Instant now) => DueDate is { } due && due < now && AwaitsWork(Status);
}
