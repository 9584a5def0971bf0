using KdFamily.Domain.Users;

namespace KdFamily.Domain.Tests.Families;

public sealed class UserRoleNamesTests
{
    [Theory]
    [InlineData(UserRole.Member, "MEMBER")]
    [InlineData(UserRole.Parent, "PARENT")]
    [InlineData(UserRole.Advisor, "ADVISOR")]
    public void Of_EachRole_IsTheSchemasEnumName(UserRole role, string name) => Assert.Equal(name, UserRoleNames.Of(role));

    [Fact]
    public void Of_EveryDefinedRole_HasAName() =>
        Assert.Equal(Enum.GetValues<UserRole>().Length, Enum.GetValues<UserRole>().Select(UserRoleNames.Of).Distinct().Count());

    [Fact]
    public void Of_UndefinedRole_IsAProgrammerError() => Assert.Throws<ArgumentOutOfRangeException>(() => UserRoleNames.Of((UserRole)42));
}
