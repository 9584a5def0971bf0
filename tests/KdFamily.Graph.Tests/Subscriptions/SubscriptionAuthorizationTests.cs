using GraphQLServer.Relay;
using KdFamily.Domain.Tasks;
using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Graph.Tests.Tasks;

namespace KdFamily.Graph.Tests.Subscriptions;

public sealed class SubscriptionAuthorizationTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    private readonly SubscriptionScenario _scenario = new(factory);

    [Theory]
    [InlineData("foreign")]
    [InlineData("malformed")]
    [InlineData("unknown")]
    public async Task Subscribe_NotTheCallersFamily_FailsWithNotFound(string kind)
    {
        var seed = await _scenario.SeedAsync();
        var other = await _scenario.SeedAsync();
        var familyId = kind switch
        {
            "foreign" => SubscriptionScenario.FamilyId(other),
            "malformed" => "not-a-global-id",
            _ => GlobalId.Encode("Family", Guid.NewGuid()),
        };

        using var live = await LiveSubscription.StartAsync(factory.Services, "OnTaskUpdated", new { familyId }, seed.Members[2]);

        Assert.Equal("NOT_FOUND", live.Errors?[0]?["extensions"]?["code"]?.GetValue<string>());
    }

    [Fact]
    public async Task Subscribe_WithoutToken_FailsWithNotAuthenticated()
    {
        var seed = await _scenario.SeedAsync();

        using var live = await LiveSubscription.StartAsync(factory.Services, "OnTaskCreated", new { familyId = SubscriptionScenario.FamilyId(seed) }, caller: null);

        Assert.Equal("AUTH_NOT_AUTHENTICATED", live.Errors?[0]?["extensions"]?["code"]?.GetValue<string>());
    }

    [Fact]
    public async Task Subscribe_RemovedMember_FailsWithNotFound()
    {
        var seed = await _scenario.SeedAsync();
        await _scenario.Mutations.DbAsync(async db =>
        {
            var member = await db.Users.FindAsync(seed.Members[3].Id);
            member!.RemovedAt = TaskMutationClient.Now;
            return await db.SaveChangesAsync();
        });

        using var live = await _scenario.SubscribeAsync("OnTaskCreated", seed, seed.Members[3]);

        Assert.Equal("NOT_FOUND", live.Errors?[0]?["extensions"]?["code"]?.GetValue<string>());
    }

    [Fact]
    public async Task FailedMutation_TypedError_PublishesNothing()
    {
        var seed = await _scenario.SeedAsync(s =>
        {
            s.AddTask("Parent's own work", FamilyTaskStatus.Completed, s.Members[1], points: 10, due: null, created: TaskMutationClient.Now);
            SubscriptionScenario.AddTask(s, FamilyTaskStatus.Pending);
        });
        using var updates = await _scenario.SubscribeAsync("OnTaskUpdated", seed, seed.Members[1]);
        using var points = await _scenario.SubscribeAsync("OnPointsAwarded", seed, seed.Members[1]);

        // A parent may not approve their own work: a typed error, nothing written, nothing announced.
        var refused = await _scenario.Mutations.RunAsync("ApproveTask", seed.Members[1], new { taskId = SubscriptionScenario.TaskId(seed, 0) });
        Assert.Equal("SELF_APPROVAL", refused["errors"]?[0]?["code"]?.GetValue<string>());
        var invalid = await _scenario.Mutations.RunAsync("AwardPoints", seed.Members[1], new { userId = SubscriptionScenario.UserId(seed.Members[3]), points = 0, reason = "Nothing" });
        Assert.Equal("VALIDATION_ERROR", invalid["errors"]?[0]?["code"]?.GetValue<string>());

        // The next events are those of the next successful mutations.
        await _scenario.RunAsync("StartTask", seed.Members[2], new { taskId = SubscriptionScenario.TaskId(seed, 1) });
        Assert.Equal(SubscriptionScenario.TaskId(seed, 1), (await updates.NextAsync("taskUpdated"))["id"]!.GetValue<string>());
        var award = await _scenario.RunAsync("AwardPoints", seed.Members[1], new { userId = SubscriptionScenario.UserId(seed.Members[3]), points = 3, reason = "Real" });
        Assert.Equal(award["transaction"]!["id"]!.GetValue<string>(), (await points.NextAsync("pointsAwarded"))["id"]!.GetValue<string>());
    }
}
