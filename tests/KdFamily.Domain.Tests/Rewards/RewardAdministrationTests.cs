using KdFamily.Domain.Errors;
using KdFamily.Domain.Families;
using KdFamily.Domain.Rewards;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Tests.Tasks;
using KdFamily.Domain.Users;
using NodaTime;

namespace KdFamily.Domain.Tests.Rewards;

public sealed class RewardAdministrationTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 12, 0);
    private readonly Family _family = new() { Name = "Store", TimeZone = "UTC", InviteCode = "CODE" };

    [Fact]
    public void Create_ByAParent_IsAFamilyRewardWithTrimmedName()
    {
        var parent = TestUsers.Create(_family, UserRole.Parent, "parent");

        var reward = RewardAdministration.Create(parent, new RewardDetails("  Cinema  ", "Popcorn too", 50, 3, true), Now).Value!;

        Assert.Equal(("Cinema", "Popcorn too", 50, (int?)3, true, _family.Id, false, Now),
            (reward.Name, reward.Description, reward.Cost, reward.Stock, reward.RequiresApproval, reward.FamilyId, reward.Archived, reward.CreatedAt));
    }

    [Fact]
    public void Create_ByAMember_IsNotAuthorized() =>
        Assert.IsType<NotAuthorizedError>(RewardAdministration.Create(TestUsers.Create(_family, UserRole.Member, "kid"), Details(), Now).Error);

    [Theory]
    [InlineData("", 10, null, "name")]
    [InlineData("x", 0, null, "cost")]
    [InlineData("x", RewardLimits.MaxCost + 1, null, "cost")]
    [InlineData("x", 10, -1, "stock")]
    [InlineData("x", 10, RewardLimits.MaxStock + 1, "stock")]
    public void Create_WithAValueOutOfRange_IsAValidationErrorNamingIt(string name, int cost, int? stock, string field)
    {
        var error = RewardAdministration.Create(TestUsers.Create(_family, UserRole.Parent, "parent"), new RewardDetails(name, null, cost, stock, true), Now).Error;

        Assert.Equal(field, Assert.IsType<ValidationError>(error).Field);
    }

    [Fact]
    public void Update_StockToNull_MakesItUnlimitedAndLeavesTheRest()
    {
        var parent = TestUsers.Create(_family, UserRole.Parent, "parent");
        var reward = RewardAdministration.Create(parent, Details(), Now).Value!;

        RewardAdministration.Update(reward, parent, new RewardEdit(Stock: new Change<int?>(null), Cost: new Change<int>(7)), Now);

        Assert.Equal(((int?)null, 7, "Cinema"), (reward.Stock, reward.Cost, reward.Name));
    }

    [Fact]
    public void Update_AnArchivedReward_IsAValidationErrorOnRewardId()
    {
        var parent = TestUsers.Create(_family, UserRole.Parent, "parent");
        var reward = RewardAdministration.Create(parent, Details(), Now).Value!;
        RewardAdministration.Archive(reward, parent, Now);

        Assert.Equal("rewardId", Assert.IsType<ValidationError>(RewardAdministration.Update(reward, parent, new RewardEdit(Cost: new Change<int>(7)), Now).Error).Field);
        Assert.Equal(10, reward.Cost);
    }

    [Fact]
    public void Archive_AnotherFamilysReward_IsNotFound()
    {
        var reward = RewardAdministration.Create(TestUsers.Create(_family, UserRole.Parent, "parent"), Details(), Now).Value!;
        var stranger = TestUsers.Create(new Family { Name = "Other", TimeZone = "UTC", InviteCode = "OTHER" }, UserRole.Advisor, "stranger");

        Assert.IsType<NotFoundError>(RewardAdministration.Archive(reward, stranger, Now).Error);
        Assert.False(reward.Archived);
    }

    private static RewardDetails Details() => new("Cinema", null, 10, 2, true);
}
