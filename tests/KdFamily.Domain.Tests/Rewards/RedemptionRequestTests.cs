using KdFamily.Domain.Errors;
using KdFamily.Domain.Families;
using KdFamily.Domain.Points;
using KdFamily.Domain.Rewards;
using KdFamily.Domain.Tests.Tasks;
using KdFamily.Domain.Users;
using NodaTime;

namespace KdFamily.Domain.Tests.Rewards;

/// <summary>Redeeming a reward: what the domain decides from the reward and the balance read under the ledger's lock.</summary>
public sealed class RedemptionRequestTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 12, 0);
    private readonly Family _family = new() { Name = "Store", TimeZone = "UTC", InviteCode = "CODE" };

    [Theory]
    [InlineData(UserRole.Member)]
    [InlineData(UserRole.Parent)]
    [InlineData(UserRole.Advisor)]
    public void Request_WithEnoughPoints_IsRequestedWithTheCostHeld(UserRole role)
    {
        var member = TestUsers.Create(_family, role, "kid");
        var reward = Reward(cost: 30, stock: 2, requiresApproval: true);

        var redemption = Redemption.Request(member, reward, balance: 30, Now).Value!;

        Assert.Equal((RedemptionStatus.Requested, 30, member.Id, reward.Id, _family.Id, Now, (Instant?)null, (Guid?)null),
            (redemption.Status, redemption.Cost, redemption.UserId, redemption.RewardId, redemption.FamilyId, redemption.RequestedAt, redemption.DecidedAt, redemption.DecidedById));
    }

    [Fact]
    public void Request_OfARewardWithoutApproval_IsApprovedAtOnce()
    {
        var redemption = Redemption.Request(TestUsers.Create(_family, UserRole.Member, "kid"), Reward(requiresApproval: false), balance: 100, Now).Value!;

        Assert.Equal((RedemptionStatus.Approved, (Instant?)Now, (Guid?)null), (redemption.Status, redemption.DecidedAt, redemption.DecidedById));
    }

    [Fact]
    public void Request_WithOnePointTooFew_IsInsufficientPointsWithBalanceAndCost()
    {
        var error = Assert.IsType<InsufficientPointsError>(
            Redemption.Request(TestUsers.Create(_family, UserRole.Member, "kid"), Reward(cost: 30), balance: 29, Now).Error);

        Assert.Equal((ErrorCodes.InsufficientPoints, 29, 30), (error.Code, error.Balance, error.Cost));
    }

    [Fact]
    public void Request_OfARewardWithNoStockLeft_IsOutOfStock() =>
        Assert.IsType<OutOfStockError>(Redemption.Request(TestUsers.Create(_family, UserRole.Member, "kid"), Reward(stock: 0), balance: 100, Now).Error);

    [Fact]
    public void Request_OfAnArchivedReward_IsNotFound()
    {
        var reward = Reward();
        reward.ArchivedAt = Now;

        Assert.IsType<NotFoundError>(Redemption.Request(TestUsers.Create(_family, UserRole.Member, "kid"), reward, balance: 100, Now).Error);
    }

    [Fact]
    public void Request_OfAnotherFamilysReward_IsNotFoundEvenWhenAffordable()
    {
        var stranger = TestUsers.Create(new Family { Name = "Other", TimeZone = "UTC", InviteCode = "OTHER" }, UserRole.Member, "stranger");

        Assert.IsType<NotFoundError>(Redemption.Request(stranger, Reward(), balance: 1000, Now).Error);
    }

    [Theory]
    [InlineData(PointsChangeKinds.ApprovedTaskPoints, true)]
    [InlineData(PointsChangeKinds.ApprovalBonus, true)]
    [InlineData(PointsChangeKinds.ManualAward, true)]
    [InlineData(PointsChangeKinds.AchievementReward, true)]
    [InlineData(PointsChangeKinds.Redemption, false)]
    [InlineData(PointsChangeKinds.RedemptionRefund, false)]
    public void IsEarned_CountsEverythingButSpendingAndRefunds(string kind, bool earned) => Assert.Equal(earned, PointsChangeKinds.IsEarned(kind));

    [Fact]
    public void LedgerKeys_AreTheContractsNames()
    {
        var id = Guid.Parse("0193a3c4-0000-7000-8000-000000000001");

        Assert.Equal(("redemption:0193a3c4-0000-7000-8000-000000000001", "redemption:0193a3c4-0000-7000-8000-000000000001:refund"),
            (PointsLedger.RedemptionKey(id), PointsLedger.RedemptionRefundKey(id)));
    }

    private Reward Reward(int cost = 10, int? stock = null, bool requiresApproval = true) => new()
    {
        FamilyId = _family.Id,
        Name = "Cinema",
        Cost = cost,
        Stock = stock,
        RequiresApproval = requiresApproval,
    };
}
