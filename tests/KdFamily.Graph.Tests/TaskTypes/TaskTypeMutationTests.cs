using GraphQLServer.Relay;
using KdFamily.Domain.Data;
using KdFamily.Domain.Families;
using KdFamily.Domain.Tasks;
using KdFamily.Graph.Tests.Families;
using KdFamily.Graph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace KdFamily.Graph.Tests.TaskTypes;

public sealed class TaskTypeMutationTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    private static readonly string Create = Operations.Load("CreateTaskType");
    private static readonly string Update = Operations.Load("UpdateTaskType");
    private static readonly string Delete = Operations.Load("DeleteTaskType");
    private static readonly string List = Operations.Load("FamilyTaskTypes");

    [Fact]
    public async Task CreateTaskType_ByParent_IsListedOnTheFamilyAndRefetchableAsNode()
    {
        var seed = await factory.SeedFamilyAsync();

        var payload = (await factory.PostAsAsync(seed.Members[1], Create, new { input = new { name = "Kitchen", icon = "🍽", defaultPoints = 15 } }))
            .Payload("createTaskType");

        Assert.Null(payload["errors"]);
        var id = payload["taskType"]!["id"]!.GetValue<string>();
        var types = (await factory.PostAsAsync(seed.Members[3], List, new { familyId = GlobalId.Encode("Family", seed.Family.Id) }))
            .Payload("family")["taskTypes"]!.AsArray();
        var listed = Assert.Single(types)!;
        Assert.Equal((id, "Kitchen", 15), (listed["id"]!.GetValue<string>(), listed["name"]!.GetValue<string>(), listed["defaultPoints"]!.GetValue<int>()));
        var node = await factory.PostAsAsync(seed.Members[3], "query($id: ID!) { node(id: $id) { ... on TaskType { name } } }", new { id });
        Assert.Equal("Kitchen", node["data"]!["node"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateTaskType_WithTakenName_ReturnsTaskTypeNameTakenError()
    {
        var seed = await factory.SeedFamilyAsync();
        await CreateAsync(seed, "Garden");

        var payload = (await factory.PostAsAsync(seed.Advisor, Create, new { input = new { name = " Garden " } })).Payload("createTaskType");

        Assert.Equal(("TaskTypeNameTakenError", "TASK_TYPE_NAME_TAKEN"), payload.SingleError());
    }

    [Fact]
    public async Task CreateTaskType_WhenTheFamilyHasTheMost_ReturnsValidationErrorAndAddsNone()
    {
        var seed = await factory.SeedFamilyAsync();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
            var now = SystemClock.Instance.GetCurrentInstant();
            db.TaskTypes.AddRange(Enumerable.Range(0, FamilyLimits.MaxTaskTypes).Select(i => new TaskType
            {
                FamilyId = seed.Family.Id, Name = $"Type {i}", CreatedAt = now,
            }));
            await db.SaveChangesAsync();
        }

        var payload = (await factory.PostAsAsync(seed.Advisor, Create, new { input = new { name = "One too many" } })).Payload("createTaskType");

        Assert.Equal(("ValidationError", "VALIDATION_ERROR"), payload.SingleError());
        Assert.Contains($"at most {FamilyLimits.MaxTaskTypes} task types", payload["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateTaskType_WithNegativePoints_ReturnsValidationErrorNamingTheField()
    {
        var seed = await factory.SeedFamilyAsync();

        var payload = (await factory.PostAsAsync(seed.Advisor, Create, new { input = new { name = "X", defaultPoints = -5 } })).Payload("createTaskType");

        Assert.Equal(("ValidationError", "VALIDATION_ERROR"), payload.SingleError());
        Assert.Equal("defaultPoints", payload["errors"]![0]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateTaskType_ByMember_FailsWithAuthNotAuthorized()
    {
        var seed = await factory.SeedFamilyAsync();

        Assert.Equal("AUTH_NOT_AUTHORIZED", (await factory.PostAsAsync(seed.Members[3], Create, new { input = new { name = "X" } })).RequestErrorCode());
    }

    [Fact]
    public async Task CreateTaskType_ByDemotedParentWithOldToken_IsRefusedByTheStoredRole()
    {
        var seed = await factory.SeedFamilyAsync();
        var member = seed.Members[3];
        member.Role = Domain.Users.UserRole.Parent; // the stale token's claim

        var response = await factory.PostAsAsync(member, Create, new { input = new { name = "X" } });

        Assert.Equal("AUTH_NOT_AUTHORIZED", response["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>());
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>().TaskTypes.AnyAsync(t => t.FamilyId == seed.Family.Id));
    }

    [Fact]
    public async Task CreateTaskType_ByRemovedParentWithLiveToken_IsRefusedAsNotAuthenticated()
    {
        var seed = await factory.SeedFamilyAsync();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
            await db.Users.Where(u => u.Id == seed.Members[1].Id)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.RemovedAt, NodaTime.SystemClock.Instance.GetCurrentInstant()));
        }

        var response = await factory.PostAsAsync(seed.Members[1], Create, new { input = new { name = "X" } });

        Assert.Equal("AUTH_NOT_AUTHENTICATED", response["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>());
    }

    [Fact]
    public async Task UpdateTaskType_ByParent_RenamesAndRejectsATakenName()
    {
        var seed = await factory.SeedFamilyAsync();
        var kitchen = await CreateAsync(seed, "Kitchen");
        await CreateAsync(seed, "Laundry");

        var renamed = (await factory.PostAsAsync(seed.Members[1], Update, new { input = new { taskTypeId = kitchen, name = "Dishes", defaultPoints = 7 } }))
            .Payload("updateTaskType");
        var clash = (await factory.PostAsAsync(seed.Members[1], Update, new { input = new { taskTypeId = kitchen, name = "Laundry" } }))
            .Payload("updateTaskType");

        Assert.Equal("Dishes", renamed["taskType"]!["name"]!.GetValue<string>());
        Assert.Equal(7, renamed["taskType"]!["defaultPoints"]!.GetValue<int>());
        Assert.Equal(("TaskTypeNameTakenError", "TASK_TYPE_NAME_TAKEN"), clash.SingleError());
    }

    [Fact]
    public async Task UpdateTaskType_ConcurrentRenamesToOneName_OneWinsTheOthersGetNameTaken()
    {
        var seed = await factory.SeedFamilyAsync();
        string[] ids = [await CreateAsync(seed, "A"), await CreateAsync(seed, "B"), await CreateAsync(seed, "C"), await CreateAsync(seed, "D")];

        // Renames take no family lock: only the unique index can decide this race.
        var payloads = await Task.WhenAll(ids.Select(id => factory.PostAsAsync(seed.Advisor, Update, new { input = new { taskTypeId = id, name = "Chores" } })));

        var errors = payloads.Select(p => p.Payload("updateTaskType")["errors"]).ToList();
        Assert.Single(errors, e => e is null);
        Assert.Equal(3, errors.Count(e => e?[0]?["code"]?.GetValue<string>() == "TASK_TYPE_NAME_TAKEN"));
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
        Assert.Equal(1, await db.TaskTypes.CountAsync(t => t.FamilyId == seed.Family.Id && t.Name == "Chores"));
    }

    [Fact]
    public async Task UpdateTaskType_OfAnotherFamily_ReturnsNotFoundError()
    {
        var seed = await factory.SeedFamilyAsync();
        var other = await factory.SeedFamilyAsync();
        var foreign = await CreateAsync(other, "Theirs");

        var payload = (await factory.PostAsAsync(seed.Advisor, Update, new { input = new { taskTypeId = foreign, name = "Mine" } })).Payload("updateTaskType");

        Assert.Equal(("NotFoundError", "NOT_FOUND"), payload.SingleError());
    }

    [Fact]
    public async Task DeleteTaskType_ByParent_SoftDeletesAndFreesTheName()
    {
        var seed = await factory.SeedFamilyAsync();
        var id = await CreateAsync(seed, "Pets");

        var payload = (await factory.PostAsAsync(seed.Members[1], Delete, new { input = new { taskTypeId = id } })).Payload("deleteTaskType");

        Assert.Null(payload["errors"]);
        var types = (await factory.PostAsAsync(seed.Advisor, List, new { familyId = GlobalId.Encode("Family", seed.Family.Id) })).Payload("family")["taskTypes"]!;
        Assert.Empty(types.AsArray());
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
        Assert.NotNull((await db.TaskTypes.IgnoreQueryFilters().SingleAsync(t => t.FamilyId == seed.Family.Id)).DeletedAt);
        await CreateAsync(seed, "Pets");
    }

    [Fact]
    public async Task DeleteTaskType_Twice_ReturnsNotFoundError()
    {
        var seed = await factory.SeedFamilyAsync();
        var id = await CreateAsync(seed, "Once");
        await factory.PostAsAsync(seed.Advisor, Delete, new { input = new { taskTypeId = id } });

        var payload = (await factory.PostAsAsync(seed.Advisor, Delete, new { input = new { taskTypeId = id } })).Payload("deleteTaskType");

        Assert.Equal(("NotFoundError", "NOT_FOUND"), payload.SingleError());
    }

    [Fact]
    public async Task DeleteTaskType_ByDemotedParentWithOldToken_IsRefusedByTheStoredRole()
    {
        var seed = await factory.SeedFamilyAsync();
        var id = await CreateAsync(seed, "Keep");
        var member = seed.Members[3];
        member.Role = Domain.Users.UserRole.Parent; // the stale token's claim

        var response = await factory.PostAsAsync(member, Delete, new { input = new { taskTypeId = id } });

        Assert.Equal("AUTH_NOT_AUTHORIZED", response["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>());
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>().TaskTypes.AnyAsync(t => t.FamilyId == seed.Family.Id && t.DeletedAt == null));
    }

    private async Task<string> CreateAsync(FamilySeed seed, string name)
    {
        var payload = (await factory.PostAsAsync(seed.Advisor, Create, new { input = new { name } })).Payload("createTaskType");
        Assert.Null(payload["errors"]);
        return payload["taskType"]!["id"]!.GetValue<string>();
    }
}
