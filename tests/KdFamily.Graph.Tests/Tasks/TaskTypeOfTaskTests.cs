using System.Text.Json.Nodes;
using GraphQLServer.Relay;
using KdFamily.Graph.Tests.Infrastructure;

namespace KdFamily.Graph.Tests.Tasks;

/// <summary>`taskTypeId` in createTask and updateTask, read back as `Task.taskType`.</summary>
public sealed class TaskTypeOfTaskTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    private const string Create = """
        mutation($input: CreateTaskInput!) { createTask(input: $input) { task { id taskType { id name } } errors { __typename ... on Error { code } } } }
        """;

    private const string Update = """
        mutation($input: UpdateTaskInput!) { updateTask(input: $input) { task { id taskType { id } } errors { __typename ... on Error { code } } } }
        """;

    private readonly TaskMutationClient _api = new(factory);

    [Fact]
    public async Task CreateAndUpdateTask_TaskTypeId_SetsChangesAndClearsTheTaskType()
    {
        var seed = await _api.SeedAsync();
        var parent = seed.Members[1];
        var kitchen = await CreateTypeAsync(seed.Members[1], "Kitchen");
        var garden = await CreateTypeAsync(seed.Members[1], "Garden");

        var created = (await PostAsync(parent, Create, new { input = new { title = "Dishes", points = 5, taskTypeId = kitchen } }))["data"]!["createTask"]!;
        var taskId = created["task"]!["id"]!.GetValue<string>();
        var changed = (await PostAsync(parent, Update, new { input = new { taskId, taskTypeId = garden } }))["data"]!["updateTask"]!;
        var cleared = (await PostAsync(parent, Update, new { input = new { taskId, taskTypeId = (string?)null } }))["data"]!["updateTask"]!;

        Assert.Equal((kitchen, "Kitchen"), (created["task"]!["taskType"]!["id"]!.GetValue<string>(), created["task"]!["taskType"]!["name"]!.GetValue<string>()));
        Assert.Equal(garden, changed["task"]!["taskType"]!["id"]!.GetValue<string>());
        Assert.Null(cleared["errors"]);
        Assert.Null(cleared["task"]!["taskType"]);
    }

    [Fact]
    public async Task CreateAndUpdateTask_AnotherFamilysOrMalformedTaskType_IsNotFound_AndChangesNothing()
    {
        var seed = await _api.SeedAsync();
        var other = await _api.SeedAsync();
        var foreign = await CreateTypeAsync(other.Members[1], "Theirs");
        var own = await CreateTypeAsync(seed.Members[1], "Ours");
        var taskId = (await PostAsync(seed.Members[1], Create, new { input = new { title = "Dishes", points = 5, taskTypeId = own } }))
            ["data"]!["createTask"]!["task"]!["id"]!.GetValue<string>();

        var created = (await PostAsync(seed.Members[1], Create, new { input = new { title = "Sweep", points = 5, taskTypeId = foreign } }))["data"]!["createTask"]!;
        var updated = (await PostAsync(seed.Members[1], Update, new { input = new { taskId, taskTypeId = foreign } }))["data"]!["updateTask"]!;
        var malformed = (await PostAsync(seed.Members[1], Update, new { input = new { taskId, taskTypeId = GlobalId.Encode("User", seed.Members[1].Id) } }))["data"]!["updateTask"]!;
        var task = (await PostAsync(seed.Members[1], "query($id: ID!) { task(id: $id) { taskType { id } } }", new { id = taskId }))["data"]!["task"]!;

        Assert.Null(created["task"]);
        Assert.Equal("NOT_FOUND", created["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("NOT_FOUND", updated["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("NOT_FOUND", malformed["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal(own, task["taskType"]!["id"]!.GetValue<string>());
    }

    private async Task<string> CreateTypeAsync(Domain.Users.User parent, string name) =>
        (await PostAsync(parent, "mutation($input: CreateTaskTypeInput!) { createTaskType(input: $input) { taskType { id } } }", new { input = new { name } }))
        ["data"]!["createTaskType"]!["taskType"]!["id"]!.GetValue<string>();

    private async Task<JsonObject> PostAsync(Domain.Users.User caller, string query, object variables)
    {
        using var client = factory.CreateClient();
        var result = await client.PostGraphQLAsync(query, variables, _api.TokenFor(caller));
        Assert.True(result["errors"] is null, result.ToJsonString());
        return result;
    }
}
