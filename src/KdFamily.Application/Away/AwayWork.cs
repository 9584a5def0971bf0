using KdFamily.Application.Pipeline;
using KdFamily.Domain.Away;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Leaderboards;
using KdFamily.Domain.Users;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace KdFamily.Application.Away;

/// <summary>What setting and clearing away mode share: the member the caller may act for, today, the open period.</summary>
internal static class AwayWork
{
    /// <summary>The member, if the caller may set their away mode; else the error to answer (a foreign or removed member is not found).</summary>
    public static async Task<Result<User>> FindAwayMemberAsync(this MemberWork work, Guid? userId, CancellationToken cancellationToken)
    {
        if (await work.FindMemberAsync(userId, cancellationToken) is not { } member)
        {
            return NotFoundError.Of("User");
        }

        return AwayMode.CheckAuthority(work.Caller, member) is { } error ? error : member;
    }

    /// <summary>Today in the family's time zone: the dates of away mode are the family's.</summary>
    public static async Task<LocalDate> TodayInFamilyAsync(this MemberWork work, CancellationToken cancellationToken)
    {
        var timeZone = await work.Db.Families.Where(f => f.Id == work.Caller.FamilyId).Select(f => f.TimeZone).SingleAsync(cancellationToken);
        return work.Now.InZone(FamilyWeek.Zone(timeZone)).Date;
    }

    /// <summary>Ends the member's open period, if any (days already spent away stay); returns it as it was, for the audit row.</summary>
    public static async Task<(LocalDate From, LocalDate Until)?> EndOpenPeriodAsync(this MemberWork work, User member, LocalDate today, CancellationToken cancellationToken)
    {
        if (await AwayPeriods.OpenAsync(work.Db, member.Id, today, cancellationToken) is not { } open)
        {
            return null;
        }

        var before = (open.From, open.Until);
        if (!AwayMode.EndBefore(open, today))
        {
            work.Db.AwayPeriods.Remove(open);
        }

        return before;
    }
}
