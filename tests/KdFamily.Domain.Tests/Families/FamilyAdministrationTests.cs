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
