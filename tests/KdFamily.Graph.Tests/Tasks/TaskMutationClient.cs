using System.Text.Json.Nodes;
using KdFamily.Domain.Data;
using KdFamily.Domain.Users;
using KdFamily.Graph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace KdFamily.Graph.Tests.Tasks;

/// <summary>Seeds families and runs the schema/operations/*.graphql mutations as a given member, over HTTP.</summary>
public sealed class TaskMutationClient(KdFamilyApiFactory factory)
{
    public static readonly Instant Now = SystemClock.Instance.GetCurrentInstant();

    /// <summary>Members[0] advisor, [1] parent, [2] and [3] members.</summary>
    public async Task<FamilySeed> SeedAsync(Action<FamilySeed>? arrange = null)
    {
        var seed = FamilySeed.Create("Chores", memberCount: 4, taskCount: 0, Now);
        arrange?.Invoke(seed);
        await seed.SaveAsync(factory.Services);
        return seed;
    }

    public string TokenFor(User user) => TestTokens.For(factory.Services, user);

    /// <summary>Runs the operation and returns its payload (<c>data.&lt;mutation field&gt;</c>); fails on request-level errors.</summary>
    public async Task<JsonNode> RunAsync(string operation, User caller, object input, HttpClient? client = null, string? token = null)
    {
        var response = await RequestAsync(operation, caller, input, client, token);
        Assert.True(response["errors"] is null, response.ToJsonString());
        return response["data"]![char.ToLowerInvariant(operation[0]) + operation[1..]]!;
    }

    public async Task<JsonObject> RequestAsync(string operation, User caller, object input, HttpClient? client = null, string? token = null)
    {
        var ownClient = client is null ? factory.CreateClient() : null;
        try
        {
            return await (client ?? ownClient!).PostGraphQLAsync(Operations.Load(operation), new { input }, token ?? TokenFor(caller));
        }
        finally
        {
            ownClient?.Dispose();
        }
    }

    public async Task<T> DbAsync<T>(Func<KdFamilyDbContext, Task<T>> query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>());
    }

    /// <summary>Changes the stored role only, so the caller's token still claims the old one (a demotion after sign-in).</summary>
    public Task DemoteAsync(User user) =>
        DbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Role, UserRole.Member)));

    public static void AssertError(JsonNode payload, string typeName, string code)
    {
        ArgumentNullException.ThrowIfNull(payload);
        Assert.True(payload["task"] is null && payload["transaction"] is null, payload.ToJsonString());
        var error = payload["errors"]![0]!;
        Assert.Equal((typeName, code), (error["__typename"]!.GetValue<string>(), error["code"]!.GetValue<string>()));
    }
}
