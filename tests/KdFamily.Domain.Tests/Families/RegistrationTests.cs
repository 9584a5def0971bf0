using KdFamily.Domain.Errors;
using KdFamily.Domain.Families;
using KdFamily.Domain.Users;
using NodaTime;

namespace KdFamily.Domain.Tests.Families;

public sealed class RegistrationTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 12, 0);
    private static readonly NewAccount Account = new("  Ada ", " Ada@Example.TEST ", " Ada Lovelace ", "hash");

    [Fact]
    public void Found_MakesTheAccountTheAdvisorOfANewFamily()
    {
        var (family, advisor) = Registration.Found(" The Lovelaces ", null, Account, Now);

        Assert.Equal("The Lovelaces", family.Name);
        Assert.Equal("UTC", family.TimeZone);
        Assert.Matches("^[A-HJ-NP-Z2-9]{10}$", family.InviteCode);
        Assert.Equal(family.Id, advisor.FamilyId);
        Assert.Equal(UserRole.Advisor, advisor.Role);
        Assert.Equal(("ada", "ada@example.test", "Ada Lovelace", "hash"), (advisor.Username, advisor.Email, advisor.FullName, advisor.PasswordHash));
    }

    [Fact]
    public void Join_BelowTheMemberLimit_AddsAMember()
    {
        var family = new Family { Name = "F", TimeZone = "UTC", InviteCode = "CODE234567" };

        var result = Registration.Join(family, FamilyLimits.MaxMembers - 1, Account, Now);

        Assert.Equal(UserRole.Member, result.Value!.Role);
        Assert.Equal(family.Id, result.Value.FamilyId);
        Assert.Equal("ada", result.Value.Username);
    }

    [Fact]
    public void Join_AFullFamily_IsFamilyFull()
    {
        var family = new Family { Name = "F", TimeZone = "UTC", InviteCode = "CODE234567" };

        var result = Registration.Join(family, FamilyLimits.MaxMembers, Account, Now);

        var error = Assert.IsType<FamilyFullError>(result.Error);
        Assert.Equal("FAMILY_FULL", error.Code);
        Assert.Equal($"The family already has {FamilyLimits.MaxMembers} members, the most a family can have.", error.Message);
    }
}
