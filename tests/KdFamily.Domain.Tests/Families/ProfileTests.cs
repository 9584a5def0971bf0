using KdFamily.Domain.Errors;
using KdFamily.Domain.Users;
using NodaTime;

namespace KdFamily.Domain.Tests.Families;

public sealed class ProfileTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 12, 0);

    [Fact]
    public void Update_WithAllFields_AppliesNameAndAvatarAndOnlyRequestsTheTrimmedLowerCasedEmail()
    {
        var user = NewUser();

        var result = Profile.Update(user, "  Ada Lovelace ", " Ada@Example.TEST ", "https://img.test/a.png", Now);

        Assert.True(result.IsSuccess);
        Assert.Equal("ada@example.test", result.Value!.RequestedEmail);
        Assert.Equal("Ada Lovelace", user.FullName);
        Assert.Equal("old@x.test", user.Email);
        Assert.Equal("https://img.test/a.png", user.AvatarUrl);
        Assert.Equal(Now, user.UpdatedAt);
    }

    [Fact]
    public void Update_WithNulls_KeepsFieldsAndEmptyAvatarRemovesIt()
    {
        var user = NewUser();
        user.AvatarUrl = "https://img.test/old.png";

        Assert.True(Profile.Update(user, null, null, "", Now).IsSuccess);

        Assert.Equal("Old Name", user.FullName);
        Assert.Equal("old@x.test", user.Email);
        Assert.Null(user.AvatarUrl);
    }

    [Fact]
    public void Update_WithTheCurrentEmailInAnotherCase_RequestsNoChange()
    {
        var user = NewUser();

        var result = Profile.Update(user, null, " OLD@x.test", null, Now);

        Assert.Null(result.Value!.RequestedEmail);
    }

    [Theory]
    [InlineData("  ", null, null, "fullName")]
    [InlineData(null, "no-at-sign", null, "email")]
    [InlineData(null, "a@b@c", null, "email")]
    [InlineData(null, "a @b.test", null, "email")]
    [InlineData(null, null, "javascript:alert(1)", "avatarUrl")]
    [InlineData(null, null, "/relative.png", "avatarUrl")]
    public void Update_WithInvalidField_FailsNamingItAndChangesNothing(string? fullName, string? email, string? avatarUrl, string field)
    {
        var user = NewUser();

        var error = Assert.IsType<ValidationError>(Profile.Update(user, fullName, email, avatarUrl, Now).Error);

        Assert.Equal(field, error.Field);
        Assert.Equal("Old Name", user.FullName);
        Assert.Equal("old@x.test", user.Email);
    }

    [Fact]
    public void CheckEmailChangeAllowance_AtTheDailyMaximum_RefusesOnEmailAndBelowItAllows()
    {
        Assert.Null(Profile.CheckEmailChangeAllowance(Profile.MaxEmailChangesPerDay - 1));

        var error = Profile.CheckEmailChangeAllowance(Profile.MaxEmailChangesPerDay);

        Assert.Equal("email", error!.Field);
    }

    private static User NewUser() => new() { Username = "u", Email = "old@x.test", FullName = "Old Name", PasswordHash = "x" };
}
