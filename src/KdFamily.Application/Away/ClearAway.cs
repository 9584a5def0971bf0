using KdFamily.Application.Pipeline;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Users;

namespace KdFamily.Application.Away;

public sealed record ClearAway(Guid CallerId, Guid? UserId) : IMemberCommand;

/// <summary>
/// Ends a member's away mode (the member, or a parent or advisor): an upcoming period is dropped, a current one ends
/// yesterday (the days already spent away keep protecting the streak). Clearing with nothing open changes nothing and
/// writes no audit row.
/// </summary>
public sealed class ClearAwayHandler(UseCasePipeline pipeline) : IUseCase<ClearAway, User>
{
    public Task<Result<User>> HandleAsync(ClearAway command, CancellationToken cancellationToken)
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
            if (await work.EndOpenPeriodAsync(member, today, token) is { } cleared)
            {
                work.Audit.Record(AuditActions.AwayCleared, member.FamilyId, work.Caller.Id, "User", member.Id, new { cleared = SetAwayHandler.Describe(cleared) });
                work.Events.LeaderboardChanged(member.FamilyId);
            }

            return member;
        }, cancellationToken);
    }
}
