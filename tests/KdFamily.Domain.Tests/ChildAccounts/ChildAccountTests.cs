using KdFamily.Domain.ChildAccounts;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Families;
using KdFamily.Domain.Users;
using NodaTime;

namespace KdFamily.Domain.Tests.ChildAccounts;

public sealed class ChildAccountTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 12, 1, 12, 0);
    private static readonly Guid FamilyId = Guid.NewGuid();

    [Theory]
    [InlineData("1234", true)]
    [InlineData("12345678", true)]
    [InlineData("0000", true)]
    [InlineData("123", false)]
    [InlineData("123456789", false)]
    [InlineData("12a4", false)]
    [InlineData(" 1234", false)]
    [InlineData("١٢٣٤", false)] // Arabic-Indic digits are digits, not ASCII ones
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsPin_AcceptsFourToEightAsciiDigitsOnly(string? pin, bool expected) => Assert.Equal(expected, ChildAccount.IsPin(pin));

    [Theory]
    [InlineData("ab")]
    [InlineData("has space")]
    [InlineData("mia@example.test")]
    [InlineData("ünïcode")]
    [InlineData("an-overly-long-username-of-more-than-fifty-characters")]
    public void Create_WithAnInvalidUsername_IsAValidationErrorOnUsername(string username)
    {
        var result = ChildAccount.Create(Parent(), 3, username, "Mia", "hash", Now);

        Assert.Equal("username", Assert.IsType<ValidationError>(result.Error).Field);
    }

    [Fact]
    public void Create_ByAParent_IsALowerCasedMemberWithoutEmailInTheParentsFamily()
    {
        var result = ChildAccount.Create(Parent(), 3, "  Mia.K_1 ", " Mia K ", "hash", Now);

        var child = Assert.IsType<User>(result.Value);
        Assert.Equal(("mia.k_1", "Mia K", UserRole.Member, FamilyId, "hash"), (child.Username, child.FullName, child.Role, child.FamilyId, child.PasswordHash));
        Assert.True(child.IsChildAccount);
        Assert.Null(child.Email);
    }

    [Fact]
    public void Create_ByAMember_IsNotAuthorized() =>
        Assert.IsType<NotAuthorizedError>(ChildAccount.Create(Parent(UserRole.Member), 3, "mia", "Mia", "hash", Now).Error);

    [Fact]
    public void Create_InAFullFamily_IsFamilyFull() =>
        Assert.IsType<FamilyFullError>(ChildAccount.Create(Parent(), FamilyLimits.MaxMembers, "mia", "Mia", "hash", Now).Error);

    [Fact]
    public void Create_WithoutAName_IsAValidationErrorOnFullName() =>
        Assert.Equal("fullName", Assert.IsType<ValidationError>(ChildAccount.Create(Parent(), 3, "mia", "  ", "hash", Now).Error).Field);

    [Fact]
    public void CheckManagedBy_ChildOfAnotherFamily_IsNotFound() =>
        Assert.IsType<NotFoundError>(ChildAccount.CheckManagedBy(Parent(), Child(Guid.NewGuid())));

    [Fact]
    public void CheckManagedBy_RemovedChild_IsNotFound()
    {
        var child = Child(FamilyId);
        child.RemovedAt = Now;

        Assert.IsType<NotFoundError>(ChildAccount.CheckManagedBy(Parent(), child));
    }

    [Fact]
    public void CheckManagedBy_AnOrdinaryAccount_IsNotChildAccount() =>
        Assert.IsType<NotChildAccountError>(ChildAccount.CheckManagedBy(Parent(), Parent(UserRole.Member)));

    [Fact]
    public void CheckManagedBy_AMemberOfTheFamily_IsNotAuthorized() =>
        Assert.IsType<NotAuthorizedError>(ChildAccount.CheckManagedBy(Parent(UserRole.Member), Child(FamilyId)));

    [Fact]
    public void ResetPin_SetsTheHashAndLiftsTheLock()
    {
        var child = Child(FamilyId);
        child.PinFailedAttempts = 5;
        child.PinLockedUntil = Now + Duration.FromMinutes(10);

        ChildAccount.ResetPin(child, "new-hash", Now);

        Assert.Equal(("new-hash", 0, (Instant?)null), (child.PasswordHash, child.PinFailedAttempts, child.PinLockedUntil));
    }

    [Fact]
    public void ProfileUpdate_OfAChildAccountWithAnEmail_IsChildAccountRestricted()
    {
        var child = Child(FamilyId);

        Assert.IsType<ChildAccountRestrictedError>(Profile.Update(child, null, "mia@example.test", null, Now).Error);
        Assert.True(Profile.Update(child, "Mia Renamed", null, null, Now).IsSuccess);
    }

    [Fact]
    public void ChangeRole_OfAChildAccount_IsChildAccountRestricted()
    {
        var advisor = Parent(UserRole.Advisor);
        var child = Child(FamilyId);

        Assert.IsType<ChildAccountRestrictedError>(Membership.ChangeRole(advisor, child, UserRole.Parent, 1, Now).Error);
        Assert.Equal(UserRole.Member, child.Role);
    }

    private static User Parent(UserRole role = UserRole.Parent) => new()
    {
        FamilyId = FamilyId, Username = "pat", Email = "pat@example.test", FullName = "Pat", PasswordHash = "x", Role = role,
    };

    private static User Child(Guid familyId) => new()
    {
        FamilyId = familyId, Username = "mia", Email = null, FullName = "Mia", PasswordHash = "x", Role = UserRole.Member, IsChildAccount = true,
    };
}
