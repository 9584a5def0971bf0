using GraphQLServer.Relay;
using KdFamily.Domain.Points;
using KdFamily.Graph.Tests.Tasks;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace KdFamily.Graph.Tests.Rewards;

/// <summary>The ledger rule of redemptions under races over real HTTP against PostgreSQL.</summary>
public sealed class RedemptionConcurrencyTests : LedgerCheckedTests, IClassFixture<KestrelApiFactory>
{
    private readonly RewardsApi _api;
    private readonly ITestOutputHelper _output;

    public RedemptionConcurrencyTests(KestrelApiFactory factory, ITestOutputHelper output)
        : base(factory)
    {
        _ = factory.Address; // start Kestrel before anything touches Services
        _api = new RewardsApi(factory);
        _output = output;
    }

    [Fact]
    public async Task RedeemReward_TwentyConcurrentByOneMemberWhoseBalanceCoversThree_ExactlyThreeSucceed()
    {
        var seed = await _api.SeedAsync(balance: 100);
        var kid = seed.Members[2];
        var reward = await _api.AddRewardAsync(seed, cost: 30);

        var payloads = await _api.RaceAsync(20, _ => ("RedeemReward", kid, new { rewardId = RewardsApi.Id(reward) }));

        var codes = payloads.Select(RewardsApi.ErrorCode).ToList();
        var rows = await _api.DbAsync(db => db.PointsHistory.Where(p => p.UserId == kid.Id).OrderBy(p => p.CreatedAt).ThenBy(p => p.Sequence).ToListAsync());
        _output.WriteLine($"one member, 20 redemptions of 30 with 100 points: {codes.Count(c => c is null)} succeeded, "
            + $"{codes.Count(c => c == "INSUFFICIENT_POINTS")} INSUFFICIENT_POINTS; balances {string.Join(" ", rows.Select(r => r.BalanceAfter))}");
        Assert.Equal(3, codes.Count(c => c is null));
        Assert.Equal(17, codes.Count(c => c == "INSUFFICIENT_POINTS"));
        Assert.Equal([100, 70, 40, 10], rows.Select(r => r.BalanceAfter));
        Assert.Equal(3, await _api.DbAsync(db => db.Redemptions.CountAsync(r => r.UserId == kid.Id)));
        Assert.All(payloads.Where(p => p["errors"] is not null), p => Assert.Equal(
            (10, 30), (p["errors"]![0]!["balance"]!.GetValue<int>(), p["errors"]![0]!["cost"]!.GetValue<int>())));
    }

    [Fact]
    public async Task RedeemReward_TwentyMembersRaceForTheLastOne_ExactlyOneGetsItAndOnlyTheirPointsAreHeld()
    {
        var seed = await _api.SeedAsync(balance: 50, memberCount: 22);
        var reward = await _api.AddRewardAsync(seed, cost: 20, stock: 1);

        var payloads = await _api.RaceAsync(20, i => ("RedeemReward", seed.Members[i + 2], new { rewardId = RewardsApi.Id(reward) }));

        var codes = payloads.Select(RewardsApi.ErrorCode).ToList();
        var stock = await _api.DbAsync(db => db.Rewards.Where(r => r.Id == reward.Id).Select(r => r.Stock).SingleAsync());
        var held = await _api.DbAsync(db => db.PointsHistory.CountAsync(p => p.FamilyId == seed.Family.Id && p.BonusType == PointsChangeKinds.Redemption));
        _output.WriteLine($"20 members, stock 1: {codes.Count(c => c is null)} succeeded, {codes.Count(c => c == "OUT_OF_STOCK")} OUT_OF_STOCK; stock left {stock}, {held} holding rows");
        Assert.Equal(1, codes.Count(c => c is null));
        Assert.Equal(19, codes.Count(c => c == "OUT_OF_STOCK"));
        Assert.Equal(0, stock);
        Assert.Equal(1, held);
        Assert.Equal(0, payloads.Single(p => p["errors"] is null)["redemption"]!["reward"]!["stock"]!.GetValue<int>());
    }

    [Fact]
    public async Task DecideRedemption_ApprovalsRejectionsAndCancellationsRace_OneWinsAndAtMostOneRefund()
    {
        var seed = await _api.SeedAsync(balance: 40);
        var (advisor, parent, kid) = (seed.Members[0], seed.Members[1], seed.Members[2]);
        var reward = await _api.AddRewardAsync(seed, cost: 25, stock: 3);
        var redemptionId = RewardsApi.RedemptionGuid(await _api.RedeemAsync(kid, reward));
        var id = GlobalId.Encode("Redemption", redemptionId);

        var payloads = await _api.RaceAsync(21, i => (i % 3) switch
        {
            0 => ("ApproveRedemption", i % 2 == 0 ? advisor : parent, (object)new { redemptionId = id }),
            1 => ("RejectRedemption", i % 2 == 0 ? advisor : parent, new { redemptionId = id, reason = $"Race {i}" }),
            _ => ("CancelRedemption", kid, new { redemptionId = id }),
        });

        var winners = payloads.Where(p => p["errors"] is null).ToList();
        var refused = payloads.Where(p => p["errors"] is not null).Select(p => p["errors"]![0]!).ToList();
        var stored = await _api.DbAsync(db => db.Redemptions.AsNoTracking().SingleAsync(r => r.Id == redemptionId));
        var refunds = await _api.DbAsync(db => db.PointsHistory.Where(p => p.IdempotencyKey == PointsLedger.RedemptionRefundKey(redemptionId)).ToListAsync());
        var stock = await _api.DbAsync(db => db.Rewards.Where(r => r.Id == reward.Id).Select(r => r.Stock).SingleAsync());
        _output.WriteLine($"21 racing decisions: winner {stored.Status}, {refused.Count} refused "
            + $"({string.Join(", ", refused.GroupBy(e => $"{e["code"]}/{e["from"]}").Select(g => $"{g.Key} x{g.Count()}"))}); {refunds.Count} refund row(s), stock {stock}");
        var winner = Assert.Single(winners);
        Assert.Equal(stored.Status.ToString().ToUpperInvariant(), winner["redemption"]!["status"]!.GetValue<string>());
        Assert.All(refused, e => Assert.Equal(("INVALID_TRANSITION", stored.Status.ToString().ToUpperInvariant()), (e["code"]!.GetValue<string>(), e["from"]!.GetValue<string>())));
        Assert.Equal(stored.IsRefunded ? 1 : 0, refunds.Count);
        Assert.Equal(stored.IsRefunded ? 3 : 2, stock);
        var audit = await _api.DbAsync(db => db.AuditLog.Where(a => a.TargetId == redemptionId).Select(a => a.Action).ToListAsync());
        Assert.Equal(2, audit.Count);
    }
}
