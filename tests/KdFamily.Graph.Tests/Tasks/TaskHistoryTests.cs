using System.Text.Json.Nodes;
using GraphQLServer.Relay;
using KdFamily.Graph.Tests.Infrastructure;

namespace KdFamily.Graph.Tests.Tasks;

/// <summary>`Task.transitions` (the workflow records, oldest first), `InvalidTransitionError.refusedAction`, and the @oneOf `order` entries.</summary>
public sealed class TaskHistoryTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    private const string History = """
        query($id: ID!, $last: Int) { task(id: $id) { transitions(last: $last) { action from to actor { id } note } } }
        """;

    private readonly TaskMutationClient _api = new(factory);

    [Fact]
    public async Task Transitions_WholeWorkflow_ListsEveryStepOldestFirst_AndLastKeepsTheLatest()
    {
        var seed = await _api.SeedAsync();
        var parent = seed.Members[1];
        var kid = seed.Members[2];
        var taskId = (await _api.RunAsync("CreateTask", parent, new { title = "Rake leaves", points = 5 }))["task"]!["id"]!.GetValue<string>();
        await _api.RunAsync("ClaimTask", kid, new { taskId });
        await _api.RunAsync("StartTask", kid, new { taskId });
        await _api.RunAsync("CompleteTask", kid, new { taskId });
        await _api.RunAsync("RejectTask", parent, new { taskId, reason = "Missed a corner" });

        var all = await QueryAsync(seed.Members[3], History, new { id = taskId, last = 20 });
        var latest = await QueryAsync(seed.Members[3], History, new { id = taskId, last = 2 });

        var steps = all["data"]!["task"]!["transitions"]!.AsArray();
        Assert.Equal(["CREATE", "CLAIM", "START", "COMPLETE", "REJECT"], steps.Select(s => s!["action"]!.GetValue<string>()));
        Assert.Null(steps[0]!["from"]);
        Assert.Equal(("COMPLETED", "REJECTED", GlobalId.Encode("User", parent.Id), "Missed a corner"),
            (steps[4]!["from"]!.GetValue<string>(), steps[4]!["to"]!.GetValue<string>(), steps[4]!["actor"]!["id"]!.GetValue<string>(), steps[4]!["note"]?.GetValue<string>()));
        Assert.Equal(["COMPLETE", "REJECT"], latest["data"]!["task"]!["transitions"]!.AsArray().Select(s => s!["action"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ApproveTask_Twice_RefusedActionIsTheApproveEnumValue_AndTheStringStaysAsItWas()
    {
        var seed = await _api.SeedAsync();
        var taskId = (await _api.RunAsync("CreateTask", seed.Members[1], new { title = "Dishes", points = 5, assignedToId = GlobalId.Encode("User", seed.Members[2].Id) }))
            ["task"]!["id"]!.GetValue<string>();

        var result = await QueryAsync(seed.Members[1], """
            mutation($input: ApproveTaskInput!) { approveTask(input: $input) { errors { ... on InvalidTransitionError { from action refusedAction } } } }
            """, new { input = new { taskId } });

        var error = result["data"]!["approveTask"]!["errors"]![0]!;
        Assert.Equal(("PENDING", "approve", "APPROVE"), (error["from"]!.GetValue<string>(), error["action"]!.GetValue<string>(), error["refusedAction"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Order_EntryWithTwoFields_IsRefusedBeforeExecution_ByOneOf()
    {
        var seed = await _api.SeedAsync();

        var result = await QueryAsync(seed.Members[1], """
            query($id: ID!) { family(id: $id) { tasks(order: [{ dueDate: ASC, points: DESC }]) { edges { cursor } } } }
            """, new { id = GlobalId.Encode("Family", seed.Family.Id) });

        Assert.Null(result["data"]);
        Assert.Single(result["errors"]!.AsArray());
    }

    private async Task<JsonObject> QueryAsync(Domain.Users.User caller, string query, object variables)
    {
        using var client = factory.CreateClient();
        return await client.PostGraphQLAsync(query, variables, _api.TokenFor(caller));
    }
}
