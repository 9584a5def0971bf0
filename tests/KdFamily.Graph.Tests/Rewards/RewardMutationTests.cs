using System.Text.Json.Nodes;
using GraphQLServer.Relay;
using KdFamily.Domain.Notifications;
using KdFamily.Domain.Points;
using KdFamily.Domain.Rewards;
using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Graph.Tests.Tasks;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Graph.Tests.Rewards;

/// <summary>The rewards store end to end over HTTP: managing rewards, the redemption loop, its records and family scoping.</summary>
public sealed class RewardMutationTests : LedgerCheckedTests, IClassFixture<KestrelApiFactory>
{
    private const string Balances = """
        query Balances($familyId: ID!) {
          family(id: $familyId) {
            members { id totalPoints lifetimePoints weeklyPoints stats { totalPoints lifetimePoints } }
            week: leaderboard(period: WEEK) { user { id } points totalPoints lifetimePoints }
            allTime: leaderboard(period: ALL_TIME) { user { id } points }
          }
        }
        """;

    private readonly RewardsApi _api;

    public RewardMutationTests(KestrelApiFactory factory)
        : base(factory)
    {
        _ = factory.Address;
        _api = new RewardsApi(factory);
    }

    [Fact]
    public async Task CreateReward_ByAParent_IsListedAndAudited()
    {
        var seed = await _api.SeedAsync(balance: 0);

        var payload = await _api.RunAsync("CreateReward", seed.Members[1], new { name = " Cinema ", description = "Popcorn", cost = 40, stock = 2, requiresApproval = false });

        Assert.Null(payload["errors"]);
        var reward = payload["reward"]!;
        Assert.Equal(("Cinema", 40, 2, false, false), (reward["name"]!.GetValue<string>(), reward["cost"]!.GetValue<int>(), reward["stock"]!.GetValue<int>(),
            reward["requiresApproval"]!.GetValue<bool>(), reward["archived"]!.GetValue<bool>()));
        var listed = await ListRewardsAsync(seed, includeArchived: false);
        Assert.Equal([reward["id"]!.GetValue<string>()], listed.Select(r => r!["id"]!.GetValue<string>()));
        var rewardId = GlobalId.Decode(reward["id"]!.GetValue<string>(), "Reward")!.Value;
        Assert.Equal(1, await _api.DbAsync(db => db.AuditLog.CountAsync(a => a.Action == "reward.created" && a.TargetId == rewardId && a.ActorId == seed.Members[1].Id)));
    }

    [Fact]
    public async Task CreateReward_ByAMember_IsNotAuthorizedAndCreatesNothing()
    {
        var seed = await _api.SeedAsync(balance: 0);

        var response = await _api.Mutations.RequestAsync("CreateReward", seed.Members[2], new { name = "Cinema", cost = 40 });

        Assert.Equal("AUTH_NOT_AUTHORIZED", response["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal(0, await _api.DbAsync(db => db.Rewards.CountAsync(r => r.FamilyId == seed.Family.Id)));
    }

    [Theory]
    [InlineData(0, null, "cost")]
    [InlineData(10, -1, "stock")]
    public async Task CreateReward_WithAnInvalidValue_IsAValidationErrorNamingIt(int cost, int? stock, string field)
    {
        var seed = await _api.SeedAsync(balance: 0);

        var payload = await _api.RunAsync("CreateReward", seed.Members[1], new { name = "Cinema", cost, stock });

        Assert.Equal(("VALIDATION_ERROR", field), (RewardsApi.ErrorCode(payload), payload["errors"]![0]!["field"]!.GetValue<string>()));
    }

    [Fact]
    public async Task UpdateReward_StockNullAndNewCost_ChangesOnlyThoseAndKeepsEarlierRedemptionsCost()
    {
        var seed = await _api.SeedAsync(balance: 100);
        var reward = await _api.AddRewardAsync(seed, cost: 30, stock: 5);
        var redemptionId = RewardsApi.RedemptionGuid(await _api.RedeemAsync(seed.Members[2], reward));

        var payload = await _api.RunAsync("UpdateReward", seed.Members[1], new { rewardId = RewardsApi.Id(reward), cost = 50, stock = (int?)null });

        Assert.Null(payload["errors"]);
        Assert.Equal((50, (JsonNode?)null, "Cinema"), (payload["reward"]!["cost"]!.GetValue<int>(), payload["reward"]!["stock"], payload["reward"]!["name"]!.GetValue<string>()));
        Assert.Equal(30, await _api.DbAsync(db => db.Redemptions.Where(r => r.Id == redemptionId).Select(r => r.Cost).SingleAsync()));
        Assert.Equal(1, await _api.DbAsync(db => db.AuditLog.CountAsync(a => a.Action == "reward.updated" && a.TargetId == reward.Id)));
    }

    [Fact]
    public async Task ArchiveReward_ThenRedeem_IsHiddenFromTheListAndNotFound()
    {
        var seed = await _api.SeedAsync(balance: 100);
        var reward = await _api.AddRewardAsync(seed, cost: 10);

        var archived = await _api.RunAsync("ArchiveReward", seed.Members[1], new { rewardId = RewardsApi.Id(reward) });
        var redeemed = await _api.RedeemAsync(seed.Members[2], reward);

        Assert.True(archived["reward"]!["archived"]!.GetValue<bool>());
        Assert.Empty(await ListRewardsAsync(seed, includeArchived: false));
        Assert.Single(await ListRewardsAsync(seed, includeArchived: true));
        Assert.Equal("NOT_FOUND", RewardsApi.ErrorCode(redeemed));
    }

    [Fact]
    public async Task RedeemReward_NeedingApproval_HoldsThePointsTakesStockAndTellsTheParentsNotTheRequester()
    {
        var seed = await _api.SeedAsync(balance: 50);
        var (advisor, parent, kid) = (seed.Members[0], seed.Members[1], seed.Members[2]);
        var reward = await _api.AddRewardAsync(seed, cost: 20, stock: 2);

        var payload = await _api.RedeemAsync(kid, reward);

        Assert.Null(payload["errors"]);
        var redemption = payload["redemption"]!;
        Assert.Equal(("REQUESTED", 20, 1, 30), (redemption["status"]!.GetValue<string>(), redemption["cost"]!.GetValue<int>(),
            redemption["reward"]!["stock"]!.GetValue<int>(), redemption["user"]!["totalPoints"]!.GetValue<int>()));
        var id = RewardsApi.RedemptionGuid(payload);
        var held = await _api.DbAsync(db => db.PointsHistory.SingleAsync(p => p.IdempotencyKey == PointsLedger.RedemptionKey(id)));
        Assert.Equal((PointsChangeKinds.Redemption, -20, 30), (held.BonusType, held.Delta, held.BalanceAfter));
        var told = await _api.DbAsync(db => db.Notifications.Where(n => n.RedemptionId == id).Select(n => new { n.UserId, n.Kind }).ToListAsync());
        Assert.Equal(new[] { advisor.Id, parent.Id }.Order(), told.Select(n => n.UserId).Order());
        Assert.All(told, n => Assert.Equal(NotificationKind.RedemptionRequested, n.Kind));
        Assert.Equal(1, await _api.DbAsync(db => db.AuditLog.CountAsync(a => a.Action == "redemption.requested" && a.TargetId == id && a.ActorId == kid.Id)));
    }

    [Fact]
    public async Task RedeemReward_WithoutApproval_IsApprovedAtOnce()
    {
        var seed = await _api.SeedAsync(balance: 50);
        var reward = await _api.AddRewardAsync(seed, cost: 5, requiresApproval: false);

        var payload = await _api.RedeemAsync(seed.Members[2], reward);

        Assert.Equal("APPROVED", payload["redemption"]!["status"]!.GetValue<string>());
        Assert.NotNull(payload["redemption"]!["decidedAt"]);
        Assert.Null(payload["redemption"]!["decidedBy"]);
    }

    [Fact]
    public async Task RedeemReward_WithTooFewPoints_IsInsufficientPointsAndChangesNothing()
    {
        var seed = await _api.SeedAsync(balance: 19);
        var reward = await _api.AddRewardAsync(seed, cost: 20, stock: 1);

        var payload = await _api.RedeemAsync(seed.Members[2], reward);

        Assert.Equal("INSUFFICIENT_POINTS", RewardsApi.ErrorCode(payload));
        Assert.Equal((19, 20), (payload["errors"]![0]!["balance"]!.GetValue<int>(), payload["errors"]![0]!["cost"]!.GetValue<int>()));
        Assert.Equal(1, await _api.DbAsync(db => db.Rewards.Where(r => r.Id == reward.Id).Select(r => r.Stock).SingleAsync()));
        Assert.Equal(0, await _api.DbAsync(db => db.Redemptions.CountAsync(r => r.RewardId == reward.Id)));
    }

    [Fact]
    public async Task RedeemReward_OutOfStock_IsOutOfStock()
    {
        var seed = await _api.SeedAsync(balance: 50);
        var reward = await _api.AddRewardAsync(seed, cost: 5, stock: 0);

        Assert.Equal("OUT_OF_STOCK", RewardsApi.ErrorCode(await _api.RedeemAsync(seed.Members[2], reward)));
    }

    [Fact]
    public async Task ApproveRedemption_ByAParent_KeepsThePointsSpentAndTellsTheMember()
    {
        var seed = await _api.SeedAsync(balance: 50);
        var (parent, kid) = (seed.Members[1], seed.Members[2]);
        var reward = await _api.AddRewardAsync(seed, cost: 20);
        var id = RewardsApi.RedemptionGuid(await _api.RedeemAsync(kid, reward));

        var payload = await _api.RunAsync("ApproveRedemption", parent, new { redemptionId = GlobalId.Encode("Redemption", id) });

        Assert.Equal(("APPROVED", RewardsApi.Id(parent), 30), (payload["redemption"]!["status"]!.GetValue<string>(),
            payload["redemption"]!["decidedBy"]!["id"]!.GetValue<string>(), payload["redemption"]!["user"]!["totalPoints"]!.GetValue<int>()));
        Assert.Equal(1, await _api.DbAsync(db => db.Notifications.CountAsync(n => n.RedemptionId == id && n.UserId == kid.Id && n.Kind == NotificationKind.RedemptionApproved)));
        Assert.Equal(1, await _api.DbAsync(db => db.AuditLog.CountAsync(a => a.Action == "redemption.approved" && a.TargetId == id)));
    }

    [Fact]
    public async Task RejectRedemption_WithAReason_RefundsOnceReturnsStockAndTellsTheMember()
    {
        var seed = await _api.SeedAsync(balance: 50);
        var (parent, kid) = (seed.Members[1], seed.Members[2]);
        var reward = await _api.AddRewardAsync(seed, cost: 20, stock: 1);
        var id = RewardsApi.RedemptionGuid(await _api.RedeemAsync(kid, reward));

        var payload = await _api.RunAsync("RejectRedemption", parent, new { redemptionId = GlobalId.Encode("Redemption", id), reason = "Not on a school night" });
        var again = await _api.RunAsync("RejectRedemption", parent, new { redemptionId = GlobalId.Encode("Redemption", id), reason = "Twice" });

        Assert.Equal(("REJECTED", "Not on a school night", 1, 50), (payload["redemption"]!["status"]!.GetValue<string>(), payload["redemption"]!["reason"]!.GetValue<string>(),
            payload["redemption"]!["reward"]!["stock"]!.GetValue<int>(), payload["redemption"]!["user"]!["totalPoints"]!.GetValue<int>()));
        Assert.Equal(("INVALID_TRANSITION", "REJECTED", "REJECT"), (RewardsApi.ErrorCode(again), again["errors"]![0]!["from"]!.GetValue<string>(), again["errors"]![0]!["refusedAction"]!.GetValue<string>()));
        var refund = await _api.DbAsync(db => db.PointsHistory.SingleAsync(p => p.IdempotencyKey == PointsLedger.RedemptionRefundKey(id)));
        Assert.Equal((PointsChangeKinds.RedemptionRefund, 20, 50), (refund.BonusType, refund.Delta, refund.BalanceAfter));
        Assert.Equal(1, await _api.DbAsync(db => db.Notifications.CountAsync(n => n.RedemptionId == id && n.UserId == kid.Id && n.Kind == NotificationKind.RedemptionRejected)));
    }

    [Fact]
    public async Task DecideRedemption_OnTheParentsOwnRedemption_IsSelfApproval()
    {
        var seed = await _api.SeedAsync(balance: 50);
        var parent = seed.Members[1];
        seed.Award(parent, 50, TaskMutationClient.Now);
        await _api.DbAsync(db => { db.PointsHistory.Add(seed.Ledger[^1]); return db.SaveChangesAsync(); });
        var reward = await _api.AddRewardAsync(seed, cost: 20);
        var id = GlobalId.Encode("Redemption", RewardsApi.RedemptionGuid(await _api.RedeemAsync(parent, reward)));

        Assert.Equal("SELF_APPROVAL", RewardsApi.ErrorCode(await _api.RunAsync("ApproveRedemption", parent, new { redemptionId = id })));
        Assert.Equal("SELF_APPROVAL", RewardsApi.ErrorCode(await _api.RunAsync("RejectRedemption", parent, new { redemptionId = id, reason = "No" })));
        Assert.Null((await _api.RunAsync("ApproveRedemption", seed.Members[0], new { redemptionId = id }))["errors"]);
    }

    [Fact]
    public async Task CancelRedemption_BySomeoneElse_IsNotAuthorized_ByTheRequester_Refunds()
    {
        var seed = await _api.SeedAsync(balance: 50);
        var (kid, sibling) = (seed.Members[2], seed.Members[3]);
        var reward = await _api.AddRewardAsync(seed, cost: 20);
        var id = GlobalId.Encode("Redemption", RewardsApi.RedemptionGuid(await _api.RedeemAsync(kid, reward)));

        Assert.Equal("NOT_AUTHORIZED", RewardsApi.ErrorCode(await _api.RunAsync("CancelRedemption", sibling, new { redemptionId = id })));
        var cancelled = await _api.RunAsync("CancelRedemption", kid, new { redemptionId = id });

        Assert.Equal(("CANCELLED", 50), (cancelled["redemption"]!["status"]!.GetValue<string>(), cancelled["redemption"]!["user"]!["totalPoints"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Spending_LowersTheBalanceButNeitherLifetimeWeeklyPointsNorLeaderboards()
    {
        var seed = await _api.SeedAsync(balance: 50);
        var (kid, sibling) = (seed.Members[2], seed.Members[3]);
        seed.Award(sibling, -10, TaskMutationClient.Now);
        await _api.DbAsync(db => { db.PointsHistory.Add(seed.Ledger[^1]); return db.SaveChangesAsync(); });
        var reward = await _api.AddRewardAsync(seed, cost: 45);
        await _api.RedeemAsync(kid, reward);

        var family = (await _api.QueryAsync(Balances, kid, new { familyId = GlobalId.Encode("Family", seed.Family.Id) }))["data"]!["family"]!;

        var me = family["members"]!.AsArray().Single(m => m!["id"]!.GetValue<string>() == RewardsApi.Id(kid))!;
        Assert.Equal((5, 50, 50, 5, 50), (me["totalPoints"]!.GetValue<int>(), me["lifetimePoints"]!.GetValue<int>(), me["weeklyPoints"]!.GetValue<int>(),
            me["stats"]!["totalPoints"]!.GetValue<int>(), me["stats"]!["lifetimePoints"]!.GetValue<int>()));
        Assert.Equal(RewardsApi.Id(kid), family["week"]![0]!["user"]!["id"]!.GetValue<string>());
        Assert.Equal((50, 5, 50), (family["week"]![0]!["points"]!.GetValue<int>(), family["week"]![0]!["totalPoints"]!.GetValue<int>(), family["week"]![0]!["lifetimePoints"]!.GetValue<int>()));
        Assert.Equal((RewardsApi.Id(kid), 50), (family["allTime"]![0]!["user"]!["id"]!.GetValue<string>(), family["allTime"]![0]!["points"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Connections_FilterByStatusAndMember_AndCountAllPages()
    {
        var seed = await _api.SeedAsync(balance: 100);
        var (parent, kid, sibling) = (seed.Members[1], seed.Members[2], seed.Members[3]);
        var reward = await _api.AddRewardAsync(seed, cost: 10);
        var first = RewardsApi.RedemptionGuid(await _api.RedeemAsync(kid, reward));
        await _api.RedeemAsync(kid, reward);
        await _api.RedeemAsync(sibling, reward);
        await _api.RunAsync("ApproveRedemption", parent, new { redemptionId = GlobalId.Encode("Redemption", first) });
        var familyId = GlobalId.Encode("Family", seed.Family.Id);

        async Task<JsonNode> Page(object where, int first = 10) =>
            (await _api.QueryAsync(Operations.Load("FamilyRedemptions"), parent, new { familyId, first, where }))["data"]!["family"]!["redemptions"]!;

        Assert.Equal(2, (await Page(new { status = "REQUESTED" }))["totalCount"]!.GetValue<int>());
        var kids = await Page(new { userId = RewardsApi.Id(kid) }, first: 1);
        Assert.Equal((2, 1, true), (kids["totalCount"]!.GetValue<int>(), kids["nodes"]!.AsArray().Count, kids["pageInfo"]!["hasNextPage"]!.GetValue<bool>()));
        Assert.Equal(0, (await Page(new { userId = GlobalId.Encode("Reward", reward.Id) }))["totalCount"]!.GetValue<int>());
        var mine = (await _api.QueryAsync(Operations.Load("MyRedemptions"), sibling, new { where = new { status = "REQUESTED" } }))["data"]!["me"]!;
        Assert.Equal((1, 90, 100), (mine["redemptions"]!["totalCount"]!.GetValue<int>(), mine["totalPoints"]!.GetValue<int>(), mine["lifetimePoints"]!.GetValue<int>()));
    }

    [Fact]
    public async Task EveryNewId_OfAnotherFamily_IsNotFoundAndNodeAnswersNull()
    {
        var ours = await _api.SeedAsync(balance: 100);
        var theirs = await _api.SeedAsync(balance: 100);
        var theirReward = await _api.AddRewardAsync(theirs, cost: 10);
        var theirRedemption = GlobalId.Encode("Redemption", RewardsApi.RedemptionGuid(await _api.RedeemAsync(theirs.Members[2], theirReward)));
        var (advisor, kid) = (ours.Members[0], ours.Members[2]);

        Assert.Equal("NOT_FOUND", RewardsApi.ErrorCode(await _api.RunAsync("UpdateReward", advisor, new { rewardId = RewardsApi.Id(theirReward), cost = 1 })));
        Assert.Equal("NOT_FOUND", RewardsApi.ErrorCode(await _api.RunAsync("ArchiveReward", advisor, new { rewardId = RewardsApi.Id(theirReward) })));
        Assert.Equal("NOT_FOUND", RewardsApi.ErrorCode(await _api.RedeemAsync(kid, theirReward)));
        Assert.Equal("NOT_FOUND", RewardsApi.ErrorCode(await _api.RunAsync("ApproveRedemption", advisor, new { redemptionId = theirRedemption })));
        Assert.Equal("NOT_FOUND", RewardsApi.ErrorCode(await _api.RunAsync("RejectRedemption", advisor, new { redemptionId = theirRedemption, reason = "No" })));
        Assert.Equal("NOT_FOUND", RewardsApi.ErrorCode(await _api.RunAsync("CancelRedemption", kid, new { redemptionId = theirRedemption })));
        var nodes = await _api.QueryAsync("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", advisor, new { ids = new[] { RewardsApi.Id(theirReward), theirRedemption } });
        Assert.All(nodes["data"]!["nodes"]!.AsArray(), Assert.Null);
        var theirMember = await _api.QueryAsync("query($id: ID!) { user(id: $id) { redemptions { totalCount } } }", advisor, new { id = RewardsApi.Id(theirs.Members[2]) });
        Assert.Null(theirMember["data"]!["user"]?["redemptions"]);
        var theirRedemptionId = GlobalId.Decode(theirRedemption, "Redemption")!.Value;
        Assert.Equal(RedemptionStatus.Requested, await _api.DbAsync(db => db.Redemptions.Where(r => r.Id == theirRedemptionId).Select(r => r.Status).SingleAsync()));
        Assert.Equal(10, await _api.DbAsync(db => db.Rewards.Where(r => r.Id == theirReward.Id).Select(r => r.Cost).SingleAsync()));
    }

    private async Task<JsonArray> ListRewardsAsync(FamilySeed seed, bool includeArchived) =>
        (await _api.QueryAsync(Operations.Load("FamilyRewards"), seed.Members[2], new { familyId = GlobalId.Encode("Family", seed.Family.Id), includeArchived }))
            ["data"]!["family"]!["rewards"]!.AsArray();
}
