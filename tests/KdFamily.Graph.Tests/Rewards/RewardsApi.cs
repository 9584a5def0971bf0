using System.Text.Json.Nodes;
using GraphQLServer.Relay;
using KdFamily.Domain.Data;
using KdFamily.Domain.Rewards;
using KdFamily.Domain.Users;
using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Graph.Tests.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace KdFamily.Graph.Tests.Rewards;

/// <summary>Seeds families with points and rewards and runs the schema/operations rewards documents over HTTP.</summary>
public sealed class RewardsApi(KestrelApiFactory factory)
{
    public TaskMutationClient Mutations { get; } = new(factory);

    /// <summary>Members[0] advisor, [1] parent, [2..] members; each member from [2] on has <paramref name="balance"/> points.</summary>
    public async Task<FamilySeed> SeedAsync(int balance, int memberCount = 4)
    {
        var seed = FamilySeed.Create("Store", memberCount, taskCount: 0, TaskMutationClient.Now);
        foreach (var member in seed.Members.Skip(2))
        {
            seed.Award(member, balance, TaskMutationClient.Now);
        }

        await seed.SaveAsync(factory.Services);
        return seed;
    }

    /// <summary>A reward of the seed's family, written directly (createReward has tests of its own).</summary>
    public async Task<Reward> AddRewardAsync(FamilySeed seed, int cost, int? stock = null, bool requiresApproval = true, string name = "Cinema")
    {
        var reward = new Reward
        {
            FamilyId = seed.Family.Id,
            Name = name,
            Cost = cost,
            Stock = stock,
            RequiresApproval = requiresApproval,
            CreatedAt = TaskMutationClient.Now,
            UpdatedAt = TaskMutationClient.Now,
        };
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
        db.Rewards.Add(reward);
        await db.SaveChangesAsync();
        return reward;
    }

    public Task<JsonNode> RunAsync(string operation, User caller, object input, HttpClient? client = null, string? token = null) =>
        Mutations.RunAsync(operation, caller, input, client, token);

    public Task<JsonNode> RedeemAsync(User caller, Reward reward) => RunAsync("RedeemReward", caller, new { rewardId = Id(reward) });

    public Task<T> DbAsync<T>(Func<KdFamilyDbContext, Task<T>> query) => Mutations.DbAsync(query);

    public async Task<JsonObject> QueryAsync(string query, User caller, object? variables = null)
    {
        using var client = factory.CreateClient();
        return await client.PostGraphQLAsync(query, variables, Mutations.TokenFor(caller));
    }

    public static string Id(Reward reward) => GlobalId.Encode("Reward", reward.Id);

    public static string Id(User user) => GlobalId.Encode("User", user.Id);

    public static Guid RedemptionGuid(JsonNode payload) => GlobalId.Decode(payload["redemption"]!["id"]!.GetValue<string>(), "Redemption")!.Value;

    public static string? ErrorCode(JsonNode payload) => payload["errors"]?[0]?["code"]?.GetValue<string>();

    /// <summary>Sends <paramref name="count"/> requests at once, each on its own HttpClient over the loopback socket.</summary>
    public async Task<IReadOnlyList<JsonNode>> RaceAsync(int count, Func<int, (string Operation, User Caller, object Input)> request)
    {
        var clients = Enumerable.Range(0, count).Select(_ => new HttpClient { BaseAddress = factory.Address }).ToList();
        try
        {
            var requests = Enumerable.Range(0, count).Select(request).ToList();
            var tokens = requests.Select(r => Mutations.TokenFor(r.Caller)).ToList();
            return await Task.WhenAll(requests.Select((r, i) => Mutations.RunAsync(r.Operation, r.Caller, r.Input, clients[i], tokens[i])));
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }
}
