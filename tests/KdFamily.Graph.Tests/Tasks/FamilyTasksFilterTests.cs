using GraphQLServer.Relay;
using KdFamily.Domain.Tasks;
using KdFamily.Graph.Tests.Families;
using KdFamily.Graph.Tests.Infrastructure;
using NodaTime;
using NodaTime.Text;

namespace KdFamily.Graph.Tests.Tasks;

public sealed class FamilyTasksFilterTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    private static readonly string Query = Operations.Load("SearchFamilyTasks");
    private static readonly Instant Day = Instant.FromUtc(2026, 6, 1, 0, 0);

    [Theory]
    [InlineData("dishes", new[] { "Wash the dishes", "Dry dishes" })]
    [InlineData("washing", new[] { "Wash the dishes", "Wash the car" })]
    [InlineData("wash -car", new[] { "Wash the dishes" })]
    [InlineData("\"feed the cat\"", new[] { "Pets" })]
    [InlineData("garage", new string[0])]
    public async Task FamilyTasks_WithSearch_MatchesTitleAndDescriptionWithStemming(string search, string[] expected)
    {
        var seed = await SeedAsync();

        var titles = await TitlesAsync(seed, new { search });

        Assert.Equal(expected.Order(), titles.Order());
    }

    [Fact]
    public async Task FamilyTasks_WithDueRange_IsHalfOpenAndSkipsTasksWithoutDueDate()
    {
        var seed = await SeedAsync();

        var titles = await TitlesAsync(seed, new { dueAfter = Iso(Day + Duration.FromDays(1)), dueBefore = Iso(Day + Duration.FromDays(3)) });
        var before = await TitlesAsync(seed, new { dueBefore = Iso(Day + Duration.FromDays(1)) });

        Assert.Equal(new[] { "Dry dishes", "Wash the car" }, titles.Order());
        Assert.Equal(new[] { "Wash the dishes" }, before);
    }

    [Fact]
    public async Task FamilyTasks_WithSearchAndStatus_CombinesConditionsAndOrdersByDueDate()
    {
        var seed = await SeedAsync();

        var titles = await TitlesAsync(seed, new { search = "wash", status = new { @in = new[] { "PENDING", "IN_PROGRESS" } } }, new[] { new { dueDate = "DESC" } });

        Assert.Equal(new[] { "Wash the car", "Wash the dishes" }, titles);
    }

    [Fact]
    public async Task FamilyTasks_WithTooLongSearch_FailsWithValidationError()
    {
        var seed = await SeedAsync();

        var response = await factory.PostAsAsync(seed.Advisor, Query, new { familyId = GlobalId.Encode("Family", seed.Family.Id), where = new { search = new string('a', 201) } });

        Assert.Equal("VALIDATION_ERROR", response.RequestErrorCode());
    }

    private async Task<FamilySeed> SeedAsync()
    {
        var seed = FamilySeed.Create("Search", 3, 0, Day);
        seed.AddTask("Wash the dishes", FamilyTaskStatus.Pending, null, 5, Day, Day).Description = "After dinner";
        seed.AddTask("Dry dishes", FamilyTaskStatus.Approved, seed.Members[2], 5, Day + Duration.FromDays(1), Day);
        seed.AddTask("Wash the car", FamilyTaskStatus.InProgress, seed.Members[2], 5, Day + Duration.FromDays(2), Day);
        seed.AddTask("Pets", FamilyTaskStatus.Pending, null, 5, Day + Duration.FromDays(3), Day).Description = "Feed the cat and walk the dog";
        seed.AddTask("Tidy up", FamilyTaskStatus.Pending, null, 5, null, Day);
        await seed.SaveAsync(factory.Services);
        var other = FamilySeed.Create("Other", 2, 0, Day);
        other.AddTask("Wash the dishes", FamilyTaskStatus.Pending, null, 5, Day, Day);
        await other.SaveAsync(factory.Services);
        return seed;
    }

    private async Task<List<string>> TitlesAsync(FamilySeed seed, object where, object? order = null)
    {
        var response = await factory.PostAsAsync(seed.Advisor, Query, new { familyId = GlobalId.Encode("Family", seed.Family.Id), first = 50, where, order });
        return [.. response.Payload("family")["tasks"]!["nodes"]!.AsArray().Select(n => n!["title"]!.GetValue<string>())];
    }

    private static string Iso(Instant instant) => InstantPattern.ExtendedIso.Format(instant);
}
