using KdFamily.Application.Achievements;
using KdFamily.Application.Pipeline;
using KdFamily.Domain.Achievements;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Leaderboards;

namespace KdFamily.Application.Leaderboards;

/// <summary>One family's ended week to settle (a unit of the weekly settlement job).</summary>
public sealed record SettleWeek(Guid FamilyId, FamilyWeek Week);

/// <summary>The week was settled already, by an earlier run or another instance right now.</summary>
public sealed record WeekAlreadySettledError() : DomainError("ALREADY_SETTLED", "This week was settled already.");

/// <summary>
/// Records a family's final standings for an ended week, once, and pays the winners' achievements; the unlocks are
/// announced after the commit.
/// </summary>
public sealed class SettleWeekHandler(UseCasePipeline pipeline) : IUseCase<SettleWeek, WeeklySettlement>
{
    public Task<Result<WeeklySettlement>> HandleAsync(SettleWeek command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return pipeline.RunAsync<WeeklySettlement>(async (work, token) =>
        {
            var unlocked = new List<AchievementUnlock>();
            var settlement = await WeeklySettlementService.SettleAsync(work.Db, command.FamilyId, command.Week, work.Now, unlocked, token);
            if (settlement is null)
            {
                return new WeekAlreadySettledError();
            }

            AchievementUnlockEvents.Record(work.Events, unlocked);
            return settlement;
        }, cancellationToken);
    }
}
