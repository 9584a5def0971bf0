using System.Globalization;
using KdFamily.Application.Pipeline;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Away;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Users;
using NodaTime;

namespace KdFamily.Application.Away;

public sealed record SetAway(Guid CallerId, Guid? UserId, LocalDate From, LocalDate Until) : IMemberCommand;

/// <summary>
/// A member, or a parent or advisor for anyone in the family, marks days (family time zone) as away: the new period
/// replaces the member's open one. Under the family row lock, so two concurrent changes cannot leave two open periods.
/// The family's leaderboard subscribers hear of it (the standings show who is away).
/// </summary>
public sealed class SetAwayHandler(UseCasePipeline pipeline) : IUseCase<SetAway, User>
{
    public Task<Result<User>> HandleAsync(SetAway command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return pipeline.RunAsync<User>(command, FamilyLocking.Family, async (work, token) =>
        {
            var found = await work.FindAwayMemberAsync(command.UserId, token);
            if (found.Value is not { } member)
            {
                return found;
            }

            var today = await work.TodayInFamilyAsync(token);
            if (AwayMode.CheckDates(command.From, command.Until, today) is { } invalid)
            {
                return invalid;
            }

            var replaced = await work.EndOpenPeriodAsync(member, today, token);
            work.Db.AwayPeriods.Add(AwayPeriod.Create(member, command.From, command.Until, work.Now));
            work.Audit.Record(
                AuditActions.AwaySet, member.FamilyId, work.Caller.Id, "User", member.Id,
                new { from = command.From.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture), until = command.Until.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture), replaced = Describe(replaced) });
            work.Events.LeaderboardChanged(member.FamilyId);
            return member;
        }, cancellationToken);
    }

    internal static object? Describe((LocalDate From, LocalDate Until)? period) =>
        period is { } p ? new { from = p.From.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture), until = p.Until.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture) } : null;
}
