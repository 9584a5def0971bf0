using KdFamily.Domain.Data;
using KdFamily.Domain.Points;
using KdFamily.Domain.Rewards;
using KdFamily.Graph.Tests.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KdFamily.Graph.Tests.Rewards;

/// <summary>
/// The ledger rule, checked over the whole database after every rewards test: each user's balance_after is the running
/// sum in ledger order; no redemption row left a balance below zero; each redemption holds its cost exactly once and
/// is refunded exactly when it was rejected or cancelled, never twice; no stock is negative.
/// </summary>
public static class LedgerInvariants
{
    public static async Task AssertHoldAsync(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
        var rows = await db.PointsHistory.AsNoTracking()
            .OrderBy(p => p.UserId).ThenBy(p => p.CreatedAt).ThenBy(p => p.Sequence)
            .Select(p => new { p.UserId, p.Delta, p.BalanceAfter, p.BonusType, p.IdempotencyKey })
            .ToListAsync();

        var broken = new List<string>();
        foreach (var perUser in rows.GroupBy(r => r.UserId))
        {
            var running = 0;
            foreach (var row in perUser)
            {
                running += row.Delta;
                if (row.BalanceAfter != running)
                {
                    broken.Add($"user {perUser.Key}: {row.IdempotencyKey} has balance_after {row.BalanceAfter}, running sum {running}");
                }

                if (row.BonusType == PointsChangeKinds.Redemption && row.BalanceAfter < 0)
                {
                    broken.Add($"user {perUser.Key}: redemption {row.IdempotencyKey} left a balance of {row.BalanceAfter}");
                }
            }
        }

        var byKey = rows.GroupBy(r => r.IdempotencyKey).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var redemption in await db.Redemptions.AsNoTracking().ToListAsync())
        {
            var held = byKey.GetValueOrDefault(PointsLedger.RedemptionKey(redemption.Id)) ?? [];
            var refunds = byKey.GetValueOrDefault(PointsLedger.RedemptionRefundKey(redemption.Id)) ?? [];
            if (held.Count != 1 || held[0].Delta != -redemption.Cost || held[0].BonusType != PointsChangeKinds.Redemption)
            {
                broken.Add($"redemption {redemption.Id}: {held.Count} holding rows for a cost of {redemption.Cost}");
            }

            var refunded = redemption.Status is RedemptionStatus.Rejected or RedemptionStatus.Cancelled;
            if (refunds.Count != (refunded ? 1 : 0) || refunds.Any(r => r.Delta != redemption.Cost || r.BonusType != PointsChangeKinds.RedemptionRefund))
            {
                broken.Add($"redemption {redemption.Id} ({redemption.Status}): {refunds.Count} refund rows");
            }
        }

        if (await db.Rewards.AnyAsync(r => r.Stock < 0))
        {
            broken.Add("a reward's stock is negative");
        }

        Assert.True(broken.Count == 0, "Ledger invariants broken:\n" + string.Join('\n', broken));
    }
}

/// <summary>Every rewards test class derives from this: the ledger invariants are checked after each of its tests.</summary>
public abstract class LedgerCheckedTests(KestrelApiFactory factory) : IAsyncLifetime
{
    /// <summary>Starts Kestrel before anything touches the factory's services, so requests really run in parallel.</summary>
    public Task InitializeAsync()
    {
        _ = factory.Address;
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => LedgerInvariants.AssertHoldAsync(factory.Services);
}
