using KdFamily.Domain.Errors;
using KdFamily.Domain.Families;
using KdFamily.Domain.Users;
using NodaTime;

namespace KdFamily.Domain.Tests.Families;

public sealed class FamilyAdministrationTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 12, 0);

    [Theory]
    [InlineData(UserRole.Member)]
    [InlineData(UserRole.Parent)]
    public void RegenerateInviteCode_BelowAdvisor_IsNotAuthorizedAndKeepsTheCode(UserRole role)
    {
        var (family, actor) = Create(role);

        var result = FamilyAdministration.RegenerateInviteCode(family, actor, Now);

        Assert.IsType<NotAuthorizedError>(result.Error);
        Assert.Equal("OLDCODE123", family.InviteCode);
    }

    [Fact]
    public void RegenerateInviteCode_ByAdvisor_SetsANewUnambiguousCode()
    {
        var (family, actor) = Create(UserRole.Advisor);

        var result = FamilyAdministration.RegenerateInviteCode(family, actor, Now);

        Assert.True(result.IsSuccess);
        Assert.NotEqual("OLDCODE123", family.InviteCode);
        Assert.Matches("^[A-HJ-NP-Z2-9]{10}$", family.InviteCode);
        Assert.Equal(Now, family.UpdatedAt);
    }

    [Fact]
    public void RegenerateInviteCode_ByAdvisorOfAnotherFamily_IsNotFound()
    {
        var (family, _) = Create(UserRole.Advisor);
        var (_, stranger) = Create(UserRole.Advisor);

        Assert.IsType<NotFoundError>(FamilyAdministration.RegenerateInviteCode(family, stranger, Now).Error);
    }

    private static (Family Family, User Actor) Create(UserRole role)
    {
        var family = new Family { Name = "F", TimeZone = "UTC", InviteCode = "OLDCODE123" };
        var actor = new User { FamilyId = family.Id, Username = "u", Email = "u@x.test", FullName = "U", PasswordHash = "x", Role = role };
        return (family, actor);
    }
}

public sealed class FamilyUpdateTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 12, 0);

    [Fact]
    public void Update_ByAdvisor_AppliesGivenFieldsOnly()
    {
        var (family, advisor) = Create(UserRole.Advisor);

        var result = FamilyAdministration.Update(family, advisor, " New name ", null, "America/New_York", Now);

        Assert.True(result.IsSuccess);
        Assert.Equal("New name", family.Name);
        Assert.Equal("About us", family.Description);
        Assert.Equal("America/New_York", family.TimeZone);
        Assert.Equal(Now, family.UpdatedAt);
    }

    [Fact]
    public void Update_WithEmptyDescription_RemovesIt()
    {
        var (family, advisor) = Create(UserRole.Advisor);

        Assert.True(FamilyAdministration.Update(family, advisor, null, "", null, Now).IsSuccess);

        Assert.Null(family.Description);
    }

    [Theory]
    [InlineData("", null, null, "name")]
    [InlineData(null, null, "Mars/Olympus_Mons", "timeZone")]
    [InlineData(null, null, "CEST", "timeZone")]
    public void Update_WithInvalidField_FailsNamingItAndChangesNothing(string? name, string? description, string? timeZone, string field)
    {
        var (family, advisor) = Create(UserRole.Advisor);

        var error = Assert.IsType<ValidationError>(FamilyAdministration.Update(family, advisor, name, description, timeZone, Now).Error);

        Assert.Equal(field, error.Field);
        Assert.Equal("F", family.Name);
        Assert.Equal("UTC", family.TimeZone);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(7 * 24 * 60 + 1)]
    public void Update_ReminderLeadOutsideZeroToAWeek_FailsNamingItAndKeepsTheLead(int minutes)
    {
        var (family, advisor) = Create(UserRole.Advisor);

        var error = Assert.IsType<ValidationError>(FamilyAdministration.Update(family, advisor, null, null, null, Now, minutes).Error);

        Assert.Equal("reminderLeadMinutes", error.Field);
        Assert.Equal(120, family.ReminderLeadMinutes);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(30)]
    [InlineData(7 * 24 * 60)]
    public void Update_ReminderLeadWithinBounds_IsSet(int minutes)
    {
        var (family, advisor) = Create(UserRole.Advisor);

        Assert.True(FamilyAdministration.Update(family, advisor, null, null, null, Now, minutes).IsSuccess);

        Assert.Equal(minutes, family.ReminderLeadMinutes);
    }

    [Theory]
    [InlineData(UserRole.Member)]
    [InlineData(UserRole.Parent)]
    public void Update_BelowAdvisor_IsNotAuthorized(UserRole role)
    {
        var (family, actor) = Create(role);

        Assert.IsType<NotAuthorizedError>(FamilyAdministration.Update(family, actor, "X", null, null, Now).Error);
        Assert.Equal("F", family.Name);
    }

    [Fact]
    public void Update_ByAdvisorOfAnotherFamily_IsNotFound()
    {
        var (family, _) = Create(UserRole.Advisor);
        var (_, stranger) = Create(UserRole.Advisor);

        Assert.IsType<NotFoundError>(FamilyAdministration.Update(family, stranger, "X", null, null, Now).Error);
    }

    private static (Family Family, User Actor) Create(UserRole role)
    {
        var family = new Family { Name = "F", Description = "About us", TimeZone = "UTC", InviteCode = "OLDCODE123" };
        var actor = new User { FamilyId = family.Id, Username = "u", Email = "u@x.test", FullName = "U", PasswordHash = "x", Role = role };
        return (family, actor);
    }
}
