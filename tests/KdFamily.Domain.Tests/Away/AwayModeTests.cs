using KdFamily.Domain.Away;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Users;
using NodaTime;

namespace KdFamily.Domain.Tests.Away;

public sealed class AwayModeTests
{
    private static readonly LocalDate Today = new(2026, 5, 20);
    private static readonly Guid FamilyId = Guid.NewGuid();

    private static User Member(UserRole role) => new()
    {
        Username = $"u{Guid.NewGuid():N}", Email = $"{Guid.NewGuid():N}@example.org", FullName = "Someone", PasswordHash = "x", FamilyId = FamilyId, Role = role,
    };

    [Theory]
    [InlineData(UserRole.Parent)]
    [InlineData(UserRole.Advisor)]
    public void CheckAuthority_ParentOrAdvisorForAnotherMember_IsAllowed(UserRole role)
    {
        Assert.Null(AwayMode.CheckAuthority(Member(role), Member(UserRole.Member)));
    }

    [Fact]
    public void CheckAuthority_MemberForThemselves_IsAllowed()
    {
        var member = Member(UserRole.Member);
        Assert.Null(AwayMode.CheckAuthority(member, member));
    }

    [Fact]
    public void CheckAuthority_MemberForAnotherMember_IsNotAuthorized()
    {
        Assert.IsType<NotAuthorizedError>(AwayMode.CheckAuthority(Member(UserRole.Member), Member(UserRole.Member)));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 89)]
    [InlineData(365, 365 + 89)]
    public void CheckDates_TodayOrLaterUpTo90Days_IsAccepted(int fromDays, int untilDays)
    {
        Assert.Null(AwayMode.CheckDates(Today.PlusDays(fromDays), Today.PlusDays(untilDays), Today));
    }

    [Theory]
    [InlineData(-1, 3, "from")]
    [InlineData(366, 370, "from")]
    [InlineData(5, 4, "until")]
    [InlineData(0, 90, "until")]
    public void CheckDates_Refused_NamesTheField(int fromDays, int untilDays, string field)
    {
        var error = AwayMode.CheckDates(Today.PlusDays(fromDays), Today.PlusDays(untilDays), Today);
        Assert.Equal(field, Assert.IsType<ValidationError>(error).Field);
    }

    [Fact]
    public void EndBefore_StartedPeriod_KeepsTheDaysAlreadyAway()
    {
        var period = new AwayPeriod { From = Today.PlusDays(-3), Until = Today.PlusDays(4) };

        Assert.True(AwayMode.EndBefore(period, Today));
        Assert.Equal(Today.PlusDays(-1), period.Until);
        Assert.False(period.Covers(Today));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public void EndBefore_PeriodNotStartedYet_IsDropped(int fromDays)
    {
        Assert.False(AwayMode.EndBefore(new AwayPeriod { From = Today.PlusDays(fromDays), Until = Today.PlusDays(fromDays + 2) }, Today));
    }
}
