using KdFamily.Domain.Families;
using KdFamily.Domain.Points;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Tests.Tasks;
using KdFamily.Domain.Users;
using NodaTime;

namespace KdFamily.Domain.Tests.Points;

public sealed class PointsAwardsApprovalTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 5, 20, 12, 0);
    private readonly Family _family = new() { Name = "Ledger", TimeZone = "UTC", InviteCode = "LEDGER" };

    [Fact]
    public void ForApproval_WithoutBonus_IsOneTaskRowForTheTasksPoints()
    {
        var (task, parent) = Approved(bonus: 0);

        var entry = Assert.Single(PointsAwards.ForApproval(task, parent, 0));

        Assert.Equal(new LedgerEntry(15, "Task approved: Dishes", "task", $"task:{task.Id}:approval", parent.Id, task.Id), entry);
    }

    [Fact]
    public void ForApproval_WithBonus_AddsAnApprovalBonusRowWithItsOwnKey()
    {
        var (task, parent) = Approved(bonus: 4);

        var entries = PointsAwards.ForApproval(task, parent, 4);

        Assert.Equal(
            [
                new LedgerEntry(15, "Task approved: Dishes", PointsChangeKinds.ApprovedTaskPoints, PointsLedger.ApprovalKey(task.Id), parent.Id, task.Id),
                new LedgerEntry(4, "Approval bonus: Dishes", PointsChangeKinds.ApprovalBonus, PointsLedger.BonusKey(task.Id), parent.Id, task.Id),
            ],
            entries);
    }

    [Fact]
    public void ForApproval_TaskNotApprovedByThisApprover_IsAProgrammerError()
    {
        var parent = TestUsers.Create(_family, UserRole.Parent, "parent");
        var kid = TestUsers.Create(_family, UserRole.Member, "kid");
        var completed = new FamilyTask { FamilyId = _family.Id, Title = "Dishes", Points = 15, Status = FamilyTaskStatus.Completed, AssignedToId = kid.Id };
        var (approved, _) = Approved(bonus: 0);

        Assert.Throws<InvalidOperationException>(() => PointsAwards.ForApproval(completed, parent, 0));
        Assert.Throws<InvalidOperationException>(() => PointsAwards.ForApproval(approved, parent, 0));
    }

    private (FamilyTask Task, User Approver) Approved(int bonus)
    {
        var parent = TestUsers.Create(_family, UserRole.Parent, "parent");
        var kid = TestUsers.Create(_family, UserRole.Member, "kid");
        var task = new FamilyTask { FamilyId = _family.Id, Title = "Dishes", Points = 15, Status = FamilyTaskStatus.Completed, AssignedToId = kid.Id };
        Assert.True(task.Approve(parent, bonus, Now).IsSuccess);
        return (task, parent);
    }
}
