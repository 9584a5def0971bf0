using System.Text.Json.Nodes;
using GraphQLServer.Relay;
using KdFamily.Domain.Away;
using KdFamily.Domain.Data;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using KdFamily.Graph.Tests.Families;
using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Graph.Tests.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace KdFamily.Graph.Tests.Away;

/// <summary>
/// Away mode through the API. The clock is frozen at Wednesday 20 May 2026 14:00 in Berlin (the family's zone), so
/// "today" is 2026-05-20. Members[0] advisor, [1] parent, [2] and [3] members.
/// </summary>
public sealed class AwayModeTests(FixedClockApiFactory factory) : IClassFixture<FixedClockApiFactory>
{
    private static readonly string SetAway = Operations.Load("SetAway");
    private static readonly string ClearAway = Operations.Load("ClearAway");
    private static readonly string Leaderboard = Operations.Load("Leaderboard");
    private static readonly string CreateRecurringTask = Operations.Load("CreateRecurringTask");

    private const string Member = """
        query Member($id: ID!) { node(id: $id) { id ... on User { currentStreak longestStreak stats { currentStreak } away { from until } } } }
        """;

    [Fact]
    public async Task SetAway_ByMemberForThemselves_SetsThePeriodAuditsItAndTheFamilySeesIt()
    {
        var seed = await SeedAsync();
        var kid = seed.Members[2];

        var payload = await SetAsync(kid, kid, "2026-05-20", "2026-05-24");

        Assert.True(payload["errors"] is null, payload.ToJsonString());
        Assert.Equal(("2026-05-20", "2026-05-24"), Period(payload["user"]!["away"]));
        var seenBySibling = (await factory.PostAsAsync(seed.Members[3], Member, new { id = UserId(kid) })).Payload("node");
        Assert.Equal(("2026-05-20", "2026-05-24"), Period(seenBySibling["away"]));

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
        var audit = await db.AuditLog.SingleAsync(a => a.Action == "user.away_set" && a.TargetId == kid.Id);
        Assert.Equal((kid.Id, seed.Family.Id), (audit.ActorId, audit.FamilyId));
        Assert.Equal("2026-05-24", audit.Details!.RootElement.GetProperty("until").GetString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task SetAway_ByAdvisorOrParentForAMember_Succeeds(int actor)
    {
        var seed = await SeedAsync();

        var payload = await SetAsync(seed.Members[actor], seed.Members[2], "2026-05-22", "2026-05-22");

        Assert.True(payload["errors"] is null, payload.ToJsonString());
        Assert.Equal(("2026-05-22", "2026-05-22"), Period(payload["user"]!["away"]));
    }

    [Fact]
    public async Task SetAway_ByMemberForAnotherMember_ReturnsNotAuthorizedAndStoresNothing()
    {
        var seed = await SeedAsync();

        var payload = await SetAsync(seed.Members[3], seed.Members[2], "2026-05-21", "2026-05-22");

        Assert.Equal(("NotAuthorizedError", "NOT_AUTHORIZED"), payload.SingleError());
        Assert.Equal(0, await CountPeriodsAsync(seed.Members[2]));
    }

    [Fact]
    public async Task SetAway_ForAnotherFamilysMember_ReturnsNotFound()
    {
        var seed = await SeedAsync();
        var other = await SeedAsync();

        var payload = await SetAsync(seed.Members[1], other.Members[2], "2026-05-21", "2026-05-22");

        Assert.Equal(("NotFoundError", "NOT_FOUND"), payload.SingleError());
        Assert.Equal(0, await CountPeriodsAsync(other.Members[2]));
    }

    [Theory]
    [InlineData("2026-05-19", "2026-05-22", "from")] // starts yesterday: days already lived
    [InlineData("2027-05-21", "2027-05-22", "from")] // more than 365 days ahead
    [InlineData("2026-05-23", "2026-05-22", "until")] // ends before it starts
    [InlineData("2026-05-20", "2026-08-18", "until")] // 91 days
    public async Task SetAway_InvalidDates_ReturnsValidationErrorNamingTheField(string from, string until, string field)
    {
        var seed = await SeedAsync();

        var payload = await SetAsync(seed.Members[2], seed.Members[2], from, until);

        Assert.Equal(("ValidationError", "VALIDATION_ERROR"), payload.SingleError());
        Assert.Equal(field, payload["errors"]![0]!["field"]!.GetValue<string>());
        Assert.Equal(0, await CountPeriodsAsync(seed.Members[2]));
    }

    [Fact]
    public async Task SetAway_Again_ReplacesTheUpcomingPeriod()
    {
        var seed = await SeedAsync();
        var kid = seed.Members[2];
        Assert.True((await SetAsync(kid, kid, "2026-05-25", "2026-05-27"))["errors"] is null);

        var payload = await SetAsync(seed.Members[1], kid, "2026-05-22", "2026-05-23");

        Assert.Equal(("2026-05-22", "2026-05-23"), Period(payload["user"]!["away"]));
        Assert.Equal(1, await CountPeriodsAsync(kid));
    }

    [Fact]
    public async Task ClearAway_CurrentPeriod_EndsItYesterdayKeepingTheDaysAlreadyAway()
    {
        var seed = await SeedAsync();
        var kid = seed.Members[2];
        await AddPeriodAsync(kid, new LocalDate(2026, 5, 15), new LocalDate(2026, 5, 25));

        var payload = await factory.PostAsAsync(kid, ClearAway, new { input = new { userId = UserId(kid) } });

        var cleared = payload.Payload("clearAway");
        Assert.True(cleared["errors"] is null, cleared.ToJsonString());
        Assert.Null(cleared["user"]!["away"]);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
        var kept = await db.AwayPeriods.SingleAsync(p => p.UserId == kid.Id);
        Assert.Equal((new LocalDate(2026, 5, 15), new LocalDate(2026, 5, 19)), (kept.From, kept.Until));
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == "user.away_cleared" && a.TargetId == kid.Id && a.ActorId == kid.Id));
    }

    [Fact]
    public async Task ClearAway_UpcomingPeriodByParent_DropsIt()
    {
        var seed = await SeedAsync();
        var kid = seed.Members[2];
        Assert.True((await SetAsync(kid, kid, "2026-05-25", "2026-05-27"))["errors"] is null);

        var cleared = (await factory.PostAsAsync(seed.Members[1], ClearAway, new { input = new { userId = UserId(kid) } })).Payload("clearAway");

        Assert.True(cleared["errors"] is null, cleared.ToJsonString());
        Assert.Null(cleared["user"]!["away"]);
        Assert.Equal(0, await CountPeriodsAsync(kid));
    }

    [Fact]
    public async Task ClearAway_ByMemberForAnotherMember_ReturnsNotAuthorizedAndKeepsThePeriod()
    {
        var seed = await SeedAsync();
        var kid = seed.Members[2];
        Assert.True((await SetAsync(kid, kid, "2026-05-25", "2026-05-27"))["errors"] is null);

        var cleared = (await factory.PostAsAsync(seed.Members[3], ClearAway, new { input = new { userId = UserId(kid) } })).Payload("clearAway");

        Assert.Equal(("NotAuthorizedError", "NOT_AUTHORIZED"), cleared.SingleError());
        Assert.Equal(1, await CountPeriodsAsync(kid));
    }

    [Fact]
    public async Task Streaks_AcrossAPastAwayPeriod_NeitherCountNorBreak()
    {
        // Approved work on 13, 14, 15 and 19 May, away 16–18 May, nothing yet today (the 20th): a current streak of 4,
        // where without the away days it would be 1.
        var seed = FamilySeed.Create("Away", 4, 0, FixedClockApiFactory.Now);
        var kid = seed.Members[2];
        foreach (var day in new[] { 13, 14, 15, 19 })
        {
            seed.AddTask($"Chore {day}", FamilyTaskStatus.Approved, kid, 5, due: null, created: Instant.FromUtc(2026, 5, day, 8, 0), completedAt: Instant.FromUtc(2026, 5, day, 10, 0));
        }

        await seed.SaveAsync(factory.Services);
        var before = (await factory.PostAsAsync(kid, Member, new { id = UserId(kid) })).Payload("node");
        await AddPeriodAsync(kid, new LocalDate(2026, 5, 16), new LocalDate(2026, 5, 18));

        var after = (await factory.PostAsAsync(kid, Member, new { id = UserId(kid) })).Payload("node");

        Assert.Equal((1, 3), (before["currentStreak"]!.GetValue<int>(), before["longestStreak"]!.GetValue<int>()));
        Assert.Equal((4, 4, 4), (after["currentStreak"]!.GetValue<int>(), after["longestStreak"]!.GetValue<int>(), after["stats"]!["currentStreak"]!.GetValue<int>()));
        Assert.Null(after["away"]); // the period is over
    }

    [Fact]
    public async Task Leaderboard_MemberAwayToday_IsFlaggedOthersAreNot()
    {
        var seed = await SeedAsync();
        var kid = seed.Members[2];
        Assert.True((await SetAsync(kid, kid, "2026-05-20", "2026-05-21"))["errors"] is null);
        Assert.True((await SetAsync(seed.Members[3], seed.Members[3], "2026-05-21", "2026-05-22"))["errors"] is null); // upcoming: not away today

        var board = (await factory.PostAsAsync(seed.Members[1], Leaderboard, new { familyId = GlobalId.Encode("Family", seed.Family.Id) }))
            .Payload("family")["leaderboard"]!.AsArray();

        var away = board.Where(e => e!["isAway"]!.GetValue<bool>()).Select(e => e!["user"]!["id"]!.GetValue<string>());
        Assert.Equal([UserId(kid)], away);
        Assert.Equal(4, board.Count);
    }

    [Fact]
    public async Task SetAway_LeaderboardSubscribers_ReceiveTheStandingsWithTheMemberAway()
    {
        var seed = await SeedAsync();
        var kid = seed.Members[2];
        using var live = await LiveSubscription.StartAsync(factory.Services, "OnLeaderboardUpdated", new { familyId = GlobalId.Encode("Family", seed.Family.Id) }, seed.Members[1]);

        Assert.True((await SetAsync(kid, kid, "2026-05-20", "2026-05-22"))["errors"] is null);

        var standings = (await live.NextAsync("leaderboardUpdated")).AsArray();
        Assert.True(standings.Single(e => e!["user"]!["id"]!.GetValue<string>() == UserId(kid))!["isAway"]!.GetValue<bool>());
    }

    [Fact]
    public async Task RecurringInstance_DueWhileTheAssigneeIsAway_IsCreatedUnassigned()
    {
        var seed = await SeedAsync();
        var kid = seed.Members[2];
        Assert.True((await SetAsync(kid, kid, "2026-05-21", "2026-05-23"))["errors"] is null);

        var whileAway = await CreateDailyAsync(seed, kid, "Feed the cat", "2026-05-21");
        var afterwards = await CreateDailyAsync(seed, kid, "Water the plants", "2026-05-24");

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
        var instances = await db.Tasks.Where(t => t.FamilyId == seed.Family.Id && t.RecurringTemplateId != null).ToDictionaryAsync(t => t.Title);
        Assert.Equal((new LocalDate(2026, 5, 21), (Guid?)null, FamilyTaskStatus.Pending), (instances[whileAway].OccurrenceDate, instances[whileAway].AssignedToId, instances[whileAway].Status));
        Assert.Equal((new LocalDate(2026, 5, 24), (Guid?)kid.Id), (instances[afterwards].OccurrenceDate, instances[afterwards].AssignedToId));
    }

    private async Task<string> CreateDailyAsync(FamilySeed seed, User assignee, string title, string startDate)
    {
        var payload = (await factory.PostAsAsync(seed.Members[1], CreateRecurringTask, new
        {
            input = new { title, points = 5, frequency = "DAILY", startDate, dueTime = "18:00", assignedToId = UserId(assignee) },
        })).Payload("createRecurringTask");
        Assert.True(payload["errors"] is null, payload.ToJsonString());
        return title;
    }

    private async Task<FamilySeed> SeedAsync()
    {
        var seed = FamilySeed.Create("Away", memberCount: 4, taskCount: 0, FixedClockApiFactory.Now);
        await seed.SaveAsync(factory.Services);
        return seed;
    }

    private async Task<JsonNode> SetAsync(User caller, User member, string from, string until) =>
        (await factory.PostAsAsync(caller, SetAway, new { input = new { userId = UserId(member), from, until } })).Payload("setAway");

    private async Task AddPeriodAsync(User member, LocalDate from, LocalDate until)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
        db.AwayPeriods.Add(AwayPeriod.Create(member, from, until, FixedClockApiFactory.Now));
        await db.SaveChangesAsync();
    }

    private async Task<int> CountPeriodsAsync(User member)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>().AwayPeriods.CountAsync(p => p.UserId == member.Id);
    }

    private static string UserId(User user) => GlobalId.Encode("User", user.Id);

    private static (string From, string Until) Period(JsonNode? away) =>
        (away!["from"]!.GetValue<string>(), away["until"]!.GetValue<string>());
}
