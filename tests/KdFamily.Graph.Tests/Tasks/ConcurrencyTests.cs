using System.Text.Json.Nodes;
using GraphQLServer.Relay;
using KdFamily.Domain.Notifications;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using KdFamily.Graph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace KdFamily.Graph.Tests.Tasks;

/// <summary>The API on a real loopback socket, so concurrent requests really run in parallel against PostgreSQL.</summary>
public sealed class KestrelApiFactory : KdFamilyApiFactory
{
    private readonly Lazy<Uri> _address;

    public KestrelApiFactory()
    {
        _address = new Lazy<Uri>(StartKestrel);
    }

    public Uri Address => _address.Value;
}

/// <summary>Races over real HTTP: approvals award once, claims have one winner, the ledger's running balance holds.</summary>
public sealed class ConcurrencyTests : IClassFixture<KestrelApiFactory>
{
    private readonly KestrelApiFactory _factory;
    private readonly TaskMutationClient _api;
    private readonly ITestOutputHelper _output;

    public ConcurrencyTests(KestrelApiFactory factory, ITestOutputHelper output)
    {
        _factory = factory;
        _ = factory.Address; // start Kestrel before anything touches Services
        _api = new TaskMutationClient(factory);
        _output = output;
    }

    [Fact]
    public async Task ApproveTask_TwentyConcurrentApprovals_ExactlyOneSucceedsAndAwardsOnce()
    {
        FamilyTask task = null!;
        var seed = await _api.SeedAsync(s => task = s.AddTask("Garage", FamilyTaskStatus.Completed, s.Members[2], 10, null, TaskMutationClient.Now));
        var taskId = GlobalId.Encode("Task", task.Id);

        var payloads = await RaceAsync(20, i => ("ApproveTask", seed.Members[i % 2], new { taskId, bonusPoints = 3 }));

        var succeeded = payloads.Count(p => p["errors"] is null);
        var refused = payloads.Where(p => p["errors"] is not null).Select(p => p["errors"]![0]!).ToList();
        var rows = await _api.DbAsync(db => db.PointsHistory.Where(p => p.TaskId == task.Id).OrderBy(p => p.Sequence).ToListAsync());
        _output.WriteLine($"approve race: {succeeded} succeeded, refused: {string.Join(", ", refused.GroupBy(e => e["code"]!.GetValue<string>() + "/" + e["from"]).Select(g => $"{g.Key} x{g.Count()}"))}; ledger rows {string.Join(", ", rows.Select(r => $"{r.BonusType} {r.Delta} -> {r.BalanceAfter}"))}");
        Assert.Equal(1, succeeded);
        Assert.All(refused, e => Assert.Equal(("INVALID_TRANSITION", "APPROVED"), (e["code"]!.GetValue<string>(), e["from"]!.GetValue<string>())));
        Assert.Equal([("task", 10, 10), ("approval_bonus", 3, 13)], rows.Select(r => (r.BonusType, r.Delta, r.BalanceAfter)));
        Assert.Equal(1, await _api.DbAsync(db => db.AuditLog.CountAsync(a => a.Action == "task.approved" && a.TargetId == task.Id)));
        Assert.Equal(1, await _api.DbAsync(db => db.Notifications.CountAsync(n => n.TaskId == task.Id && n.Kind == NotificationKind.TaskApproved)));
        Assert.Equal(1, await _api.DbAsync(db => db.TaskTransitions.CountAsync(t => t.TaskId == task.Id && t.Action == "approve")));
    }

    [Fact]
    public async Task ClaimTask_TwentyConcurrentClaims_ExactlyOneWinnerOthersAlreadyAssigned()
    {
        FamilyTask task = null!;
        var seed = FamilySeed.Create("Claims", memberCount: 22, taskCount: 0, TaskMutationClient.Now);
        task = seed.AddTask("Open", FamilyTaskStatus.Pending, null, 5, null, TaskMutationClient.Now);
        await seed.SaveAsync(_factory.Services);
        var taskId = GlobalId.Encode("Task", task.Id);

        var payloads = await RaceAsync(20, i => ("ClaimTask", seed.Members[i + 2], new { taskId }));

        var winners = payloads.Where(p => p["errors"] is null).ToList();
        var codes = payloads.Where(p => p["errors"] is not null).Select(p => p["errors"]![0]!["code"]!.GetValue<string>()).ToList();
        var stored = await _api.DbAsync(db => db.Tasks.AsNoTracking().SingleAsync(t => t.Id == task.Id));
        _output.WriteLine($"claim race: {winners.Count} winner(s), refused: {string.Join(", ", codes.GroupBy(c => c).Select(g => $"{g.Key} x{g.Count()}"))}");
        var winner = Assert.Single(winners);
        Assert.Equal(19, codes.Count(c => c == "ALREADY_ASSIGNED"));
        Assert.Equal(GlobalId.Encode("User", stored.AssignedToId!.Value), winner["task"]!["assignedTo"]!["id"]!.GetValue<string>());
        Assert.Equal(1, await _api.DbAsync(db => db.TaskTransitions.CountAsync(t => t.TaskId == task.Id && t.Action == "claim")));
    }

    [Fact]
    public async Task AwardPoints_FiftyConcurrentAwardsForOneUser_BalancesAreTheRunningSumInLedgerOrder()
    {
        var seed = await _api.SeedAsync();
        var kid = seed.Members[2];
        var userId = GlobalId.Encode("User", kid.Id);
        var deltas = Enumerable.Range(0, 50).Select(i => i % 5 == 0 ? -3 : i + 1).ToArray();

        var payloads = await RaceAsync(50, i => ("AwardPoints", seed.Members[i % 2], new { userId, points = deltas[i], reason = $"Race {i}" }));

        Assert.All(payloads, p => Assert.Null(p["errors"]));
        var rows = await _api.DbAsync(db => db.PointsHistory.Where(p => p.UserId == kid.Id)
            .OrderBy(p => p.CreatedAt).ThenBy(p => p.Sequence).Select(p => new { p.Delta, p.BalanceAfter }).ToListAsync());
        var running = 0;
        var mismatches = rows.Count(r => r.BalanceAfter != (running += r.Delta));
        _output.WriteLine($"award race: {rows.Count} rows, {mismatches} balance mismatches, final balance {rows[^1].BalanceAfter}, sum {deltas.Sum()}");
        Assert.Equal(50, rows.Count);
        Assert.Equal(0, mismatches);
        Assert.Equal(deltas.Sum(), rows[^1].BalanceAfter);
        Assert.Equal(deltas.Order(), rows.Select(r => r.Delta).Order());
    }

    /// <summary>Sends <paramref name="count"/> requests at once, each on its own HttpClient over the loopback socket.</summary>
    private async Task<IReadOnlyList<JsonNode>> RaceAsync(int count, Func<int, (string Operation, User Caller, object Input)> request)
    {
        var clients = Enumerable.Range(0, count).Select(_ => new HttpClient { BaseAddress = _factory.Address }).ToList();
        try
        {
            var requests = Enumerable.Range(0, count).Select(request).ToList();
            var tokens = requests.Select(r => _api.TokenFor(r.Caller)).ToList();
            return await Task.WhenAll(requests.Select((r, i) => _api.RunAsync(r.Operation, r.Caller, r.Input, clients[i], tokens[i])));
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }
}
