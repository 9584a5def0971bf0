using GraphQLServer.Relay;
using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Graph.Tests.Tasks;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Graph.Tests.Points;

public sealed class AwardPointsTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    private readonly TaskMutationClient _api = new(factory);

    [Fact]
    public async Task AwardPoints_AwardThenDeduction_WritesRowsWithRunningBalanceAndAudits()
    {
        var seed = await _api.SeedAsync(s => s.Award(s.Members[2], 10, TaskMutationClient.Now.Minus(NodaTime.Duration.FromHours(1))));
        var kid = GlobalId.Encode("User", seed.Members[2].Id);

        var award = await _api.RunAsync("AwardPoints", seed.Members[1], new { userId = kid, points = 5, reason = "Helped a neighbour" });
        var deduction = await _api.RunAsync("AwardPoints", seed.Advisor, new { userId = kid, points = -8, reason = "Broke curfew" });

        Assert.Null(award["errors"]);
        Assert.Equal((5, 15, "manual", kid), (award["transaction"]!["points"]!.GetValue<int>(), award["transaction"]!["balanceAfter"]!.GetValue<int>(),
            award["transaction"]!["bonusType"]!.GetValue<string>(), award["transaction"]!["user"]!["id"]!.GetValue<string>()));
        Assert.Equal((-8, 7), (deduction["transaction"]!["points"]!.GetValue<int>(), deduction["transaction"]!["balanceAfter"]!.GetValue<int>()));
        Assert.Equal(2, await _api.DbAsync(db => db.AuditLog.CountAsync(a => a.Action == "points.awarded" && a.TargetId == seed.Members[2].Id)));
    }

    [Fact]
    public async Task AwardPoints_ByMember_FailsWithAuthNotAuthorized()
    {
        var seed = await _api.SeedAsync();

        var response = await _api.RequestAsync("AwardPoints", seed.Members[3], new { userId = GlobalId.Encode("User", seed.Members[2].Id), points = 5, reason = "Me" });

        Assert.Equal("AUTH_NOT_AUTHORIZED", response["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("foreign", "NotFoundError", "NOT_FOUND")]
    [InlineData("malformed", "NotFoundError", "NOT_FOUND")]
    [InlineData("self", "NotAuthorizedError", "NOT_AUTHORIZED")]
    [InlineData("zero", "ValidationError", "VALIDATION_ERROR")]
    [InlineData("noReason", "ValidationError", "VALIDATION_ERROR")]
    public async Task AwardPoints_RefusedCase_ReturnsTheDeclaredErrorAndWritesNothing(string variant, string typeName, string code)
    {
        var seed = await _api.SeedAsync();
        var other = await _api.SeedAsync();
        var parent = seed.Members[1];
        var token = _api.TokenFor(parent);
        var userId = variant switch
        {
            "foreign" => GlobalId.Encode("User", other.Members[2].Id),
            "malformed" => "not-an-id",
            "self" => GlobalId.Encode("User", parent.Id),
            _ => GlobalId.Encode("User", seed.Members[2].Id),
        };

        var payload = await _api.RunAsync("AwardPoints", parent, new { userId, points = variant == "zero" ? 0 : 5, reason = variant == "noReason" ? " " : "Because" }, token: token);

        TaskMutationClient.AssertError(payload, typeName, code);
        Assert.False(await _api.DbAsync(db => db.PointsHistory.AnyAsync(p => p.FamilyId == seed.Family.Id || p.FamilyId == other.Family.Id)));
    }

    [Fact]
    public async Task AwardPoints_ByParentDemotedAfterSignIn_IsRefusedByTheStoredRoleAndWritesNothing()
    {
        var seed = await _api.SeedAsync();
        var parent = seed.Members[1];
        var token = _api.TokenFor(parent);
        await _api.DemoteAsync(parent);

        var response = await _api.RequestAsync(
            "AwardPoints", parent, new { userId = GlobalId.Encode("User", seed.Members[2].Id), points = 5, reason = "Because" }, token: token);

        Assert.Equal("AUTH_NOT_AUTHORIZED", response["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>());
        Assert.False(await _api.DbAsync(db => db.PointsHistory.AnyAsync(p => p.FamilyId == seed.Family.Id)));
    }

    [Fact]
    public async Task AwardPoints_RetriedWithSameIdempotencyKey_ReturnsAlreadyAwardedAndPaysOnce()
    {
        var seed = await _api.SeedAsync();
        var input = new { userId = GlobalId.Encode("User", seed.Members[2].Id), points = 5, reason = "Bonus", idempotencyKey = "retry-1" };

        var first = await _api.RunAsync("AwardPoints", seed.Members[1], input);
        var second = await _api.RunAsync("AwardPoints", seed.Members[1], input);

        Assert.Null(first["errors"]);
        TaskMutationClient.AssertError(second, "AlreadyAwardedError", "ALREADY_AWARDED");
        Assert.Equal(5, await _api.DbAsync(db => db.PointsHistory.Where(p => p.UserId == seed.Members[2].Id).SumAsync(p => p.Delta)));
    }
}
