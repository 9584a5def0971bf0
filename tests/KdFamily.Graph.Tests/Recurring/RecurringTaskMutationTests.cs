using System.Text.Json.Nodes;
using GraphQLServer.Relay;
using KdFamily.Domain.Data;
using KdFamily.Domain.Users;
using KdFamily.Graph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace KdFamily.Graph.Tests.Recurring;

/// <summary>The clock is frozen at Wednesday 20 May 2026 12:00 UTC (14:00 in Berlin).</summary>
public sealed class RecurringTaskMutationTests(FixedClockApiFactory factory) : IClassFixture<FixedClockApiFactory>
{
    private static readonly string Create = Operations.Load("CreateRecurringTask");
    private static readonly string Update = Operations.Load("UpdateRecurringTask");
    private static readonly string Pause = Operations.Load("PauseRecurringTask");
    private static readonly string Delete = Operations.Load("DeleteRecurringTask");
    private static readonly string List = Operations.Load("FamilyRecurringTasks");

    [Fact]
    public async Task CreateRecurringTask_WeeklyByParent_CreatesTheSeriesItsNextFutureInstanceAndAnAuditRow()
    {
        var seed = await SeedAsync();
        var kid = seed.Members[2];

        var response = await PostAsync(seed.Members[1], Create, new
        {
            input = new
            {
                title = "Take out the bins",
                points = 15,
                frequency = "WEEKLY",
                daysOfWeek = new[] { 1, 5 },
                startDate = "2026-05-01",
                dueTime = "19:30",
                assignedToId = GlobalId.Encode("User", kid.Id),
            },
        });

        var payload = response["data"]!["createRecurringTask"]!;
        Assert.Null(payload["errors"]);
        var task = payload["recurringTask"]!;
        Assert.Equal(("WEEKLY", "19:30", "2026-05-22"), (task["frequency"]!.GetValue<string>(), task["dueTime"]!.GetValue<string>(), task["lastOccurrenceDate"]!.GetValue<string>()));
        Assert.Equal([1, 5], task["daysOfWeek"]!.AsArray().Select(d => d!.GetValue<int>()));
        Assert.Equal(kid.FullName, task["assignedTo"]!["fullName"]!.GetValue<string>());

        var family = (await PostAsync(seed.Advisor, List, new { familyId = GlobalId.Encode("Family", seed.Family.Id) }))["data"]!["family"]!;
        Assert.Single(family["recurringTasks"]!.AsArray());
        var instance = Assert.Single(family["activeTasks"]!.AsArray(), t => t!["title"]!.GetValue<string>() == "Take out the bins");
        Assert.Equal(Instant.FromUtc(2026, 5, 22, 17, 30), Instant.FromDateTimeOffset(DateTimeOffset.Parse(instance!["dueDate"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)));

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == "recurring_task.created" && a.FamilyId == seed.Family.Id && a.ActorId == seed.Members[1].Id));
    }

    [Fact]
    public async Task CreateRecurringTask_ByMember_FailsWithAuthNotAuthorized()
    {
        var seed = await SeedAsync();

        var response = await PostAsync(seed.Members[2], Create, new { input = new { title = "x", points = 1, frequency = "DAILY" } });

        Assert.Equal("AUTH_NOT_AUTHORIZED", response["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("interval", 0, "18:00", 5)]
    [InlineData("dueTime", 1, "25:99", 5)]
    [InlineData("points", 1, "18:00", -1)]
    public async Task CreateRecurringTask_InvalidInput_ReturnsValidationErrorNamingTheField(string field, int interval, string dueTime, int points)
    {
        var seed = await SeedAsync();

        var response = await PostAsync(seed.Advisor, Create, new { input = new { title = "Dishes", points, frequency = "DAILY", interval, dueTime } });

        var error = response["data"]!["createRecurringTask"]!["errors"]![0]!;
        Assert.Equal(("ValidationError", "VALIDATION_ERROR", field), (error["__typename"]!.GetValue<string>(), error["code"]!.GetValue<string>(), error["field"]!.GetValue<string>()));
        Assert.Null(response["data"]!["createRecurringTask"]!["recurringTask"]);
    }

    [Fact]
    public async Task CreateRecurringTask_AssigneeOfAnotherFamily_ReturnsNotFoundError()
    {
        var seed = await SeedAsync();
        var other = await SeedAsync();

        var response = await PostAsync(seed.Advisor, Create, new
        {
            input = new { title = "Dishes", points = 5, frequency = "DAILY", assignedToId = GlobalId.Encode("User", other.Members[2].Id) },
        });

        Assert.Equal("NotFoundError", response["data"]!["createRecurringTask"]!["errors"]![0]!["__typename"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpdateRecurringTask_SomeFieldsGiven_ChangesOnlyThose()
    {
        var seed = await SeedAsync();
        var id = await CreateDailyAsync(seed);

        var response = await PostAsync(seed.Members[1], Update, new { input = new { id, title = "Feed the dog", frequency = "MONTHLY", dayOfMonth = 31 } });

        var payload = response["data"]!["updateRecurringTask"]!;
        Assert.Null(payload["errors"]);
        var task = payload["recurringTask"]!;
        Assert.Equal(("Feed the dog", 5, "MONTHLY", 31, "18:00"), (
            task["title"]!.GetValue<string>(), task["points"]!.GetValue<int>(), task["frequency"]!.GetValue<string>(),
            task["dayOfMonth"]!.GetValue<int>(), task["dueTime"]!.GetValue<string>()));
    }

    [Fact]
    public async Task UpdateRecurringTask_InvalidDayOfMonth_ReturnsValidationError()
    {
        var seed = await SeedAsync();
        var id = await CreateDailyAsync(seed);

        var response = await PostAsync(seed.Advisor, Update, new { input = new { id, frequency = "MONTHLY", dayOfMonth = 32 } });

        Assert.Equal("dayOfMonth", response["data"]!["updateRecurringTask"]!["errors"]![0]!["field"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("UpdateRecurringTask", "updateRecurringTask")]
    [InlineData("PauseRecurringTask", "pauseRecurringTask")]
    [InlineData("DeleteRecurringTask", "deleteRecurringTask")]
    public async Task ChangeRecurringTask_ForeignOrMalformedId_ReturnsNotFoundError(string operation, string field)
    {
        var seed = await SeedAsync();
        var other = await SeedAsync();
        var foreignId = await CreateDailyAsync(other);

        foreach (var id in new[] { foreignId, "not-an-id", GlobalId.Encode("RecurringTask", Guid.NewGuid()) })
        {
            var response = await PostAsync(seed.Advisor, Operations.Load(operation), new { input = new { id } });

            var error = response["data"]![field]!["errors"]![0]!;
            Assert.Equal(("NotFoundError", "NOT_FOUND"), (error["__typename"]!.GetValue<string>(), error["code"]!.GetValue<string>()));
        }
    }

    [Theory]
    [InlineData("CreateRecurringTask", "createRecurringTask")]
    [InlineData("UpdateRecurringTask", "updateRecurringTask")]
    [InlineData("PauseRecurringTask", "pauseRecurringTask")]
    [InlineData("DeleteRecurringTask", "deleteRecurringTask")]
    public async Task ChangeRecurringTask_CallerDemotedAfterTheTokenWasIssued_IsRefusedByTheStoredRole(string operation, string field)
    {
        var seed = await SeedAsync();
        var id = await CreateDailyAsync(seed);
        var parent = seed.Members[1];
        var token = factory.TokenFor(parent); // still says PARENT
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
            await db.Users.Where(u => u.Id == parent.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Role, UserRole.Member));
        }

        object input = field == "createRecurringTask" ? new { title = "Dishes", points = 5, frequency = "DAILY" } : new { id };
        using var client = factory.CreateClient();
        var response = await client.PostGraphQLAsync(Operations.Load(operation), new { input }, token);

        Assert.Equal("AUTH_NOT_AUTHORIZED", response["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>());
        Assert.Null(response["data"]?[field]);
    }

    [Fact]
    public async Task PauseRecurringTask_PauseThenResume_TogglesAndClearsTheNextDueDateWhilePaused()
    {
        var seed = await SeedAsync();
        var id = await CreateDailyAsync(seed);

        var paused = (await PostAsync(seed.Members[1], Pause, new { input = new { id, paused = true } }))["data"]!["pauseRecurringTask"]!;
        var resumed = (await PostAsync(seed.Members[1], Pause, new { input = new { id, paused = false } }))["data"]!["pauseRecurringTask"]!;

        Assert.True(paused["recurringTask"]!["isPaused"]!.GetValue<bool>());
        Assert.Null(paused["recurringTask"]!["nextDueDate"]);
        Assert.False(resumed["recurringTask"]!["isPaused"]!.GetValue<bool>());
        Assert.NotNull(resumed["recurringTask"]!["nextDueDate"]);
    }

    [Fact]
    public async Task RecurringInputs_RecurringTaskId_WorksLikeTheDeprecatedId()
    {
        var seed = await SeedAsync();
        var id = await CreateDailyAsync(seed);
        const string PauseById = "mutation($input: PauseRecurringTaskInput!) { pauseRecurringTask(input: $input) { recurringTask { id isPaused } errors { __typename } } }";
        const string UpdateById = "mutation($input: UpdateRecurringTaskInput!) { updateRecurringTask(input: $input) { recurringTask { title } errors { __typename } } }";
        const string DeleteById = "mutation($input: DeleteRecurringTaskInput!) { deleteRecurringTask(input: $input) { recurringTask { id } errors { __typename } } }";

        var paused = (await PostAsync(seed.Members[1], PauseById, new { input = new { recurringTaskId = id, paused = true } }))["data"]!["pauseRecurringTask"]!;
        var updated = (await PostAsync(seed.Members[1], UpdateById, new { input = new { recurringTaskId = id, title = "Feed the dog" } }))["data"]!["updateRecurringTask"]!;
        var deleted = (await PostAsync(seed.Members[1], DeleteById, new { input = new { recurringTaskId = id } }))["data"]!["deleteRecurringTask"]!;

        Assert.True(paused["recurringTask"]!["isPaused"]!.GetValue<bool>());
        Assert.Equal("Feed the dog", updated["recurringTask"]!["title"]!.GetValue<string>());
        Assert.Equal(id, deleted["recurringTask"]!["id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RecurringInputs_BothIdsOrNeither_AreAValidationErrorNamingRecurringTaskId(bool both)
    {
        var seed = await SeedAsync();
        var id = await CreateDailyAsync(seed);
        object input = both ? new { recurringTaskId = id, id, paused = true } : new { paused = true };

        var response = await PostAsync(seed.Members[1], "mutation($input: PauseRecurringTaskInput!) { pauseRecurringTask(input: $input) { recurringTask { isPaused } } }", new { input });

        var error = Assert.Single(response["errors"]!.AsArray())!;
        Assert.Equal(("VALIDATION_ERROR", "input.recurringTaskId"), (error["extensions"]!["code"]!.GetValue<string>(), error["extensions"]!["field"]!.GetValue<string>()));
        Assert.Null(response["data"]?["pauseRecurringTask"]);
    }

    [Fact]
    public async Task DeleteRecurringTask_ByParent_RemovesItFromTheFamilyAndKeepsTheInstance()
    {
        var seed = await SeedAsync();
        var id = await CreateDailyAsync(seed);

        var response = await PostAsync(seed.Members[1], Delete, new { input = new { id } });

        Assert.Null(response["data"]!["deleteRecurringTask"]!["errors"]);
        var family = (await PostAsync(seed.Advisor, List, new { familyId = GlobalId.Encode("Family", seed.Family.Id) }))["data"]!["family"]!;
        Assert.Empty(family["recurringTasks"]!.AsArray());
        Assert.Single(family["activeTasks"]!.AsArray());
    }

    private async Task<string> CreateDailyAsync(FamilySeed seed)
    {
        var response = await PostAsync(seed.Advisor, Create, new { input = new { title = "Feed the cat", points = 5, frequency = "DAILY" } });
        return response["data"]!["createRecurringTask"]!["recurringTask"]!["id"]!.GetValue<string>();
    }

    private async Task<FamilySeed> SeedAsync()
    {
        var seed = FamilySeed.Create("Recurring", memberCount: 3, taskCount: 0, FixedClockApiFactory.Now);
        await seed.SaveAsync(factory.Services);
        return seed;
    }

    private async Task<JsonObject> PostAsync(User caller, string query, object variables)
    {
        using var client = factory.CreateClient();
        return await client.PostGraphQLAsync(query, variables, factory.TokenFor(caller));
    }
}
