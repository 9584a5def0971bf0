using KdFamily.Domain.Errors;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using NodaTime;

namespace KdFamily.Domain.Tests.Tasks;

public sealed class TaskTypeAdministrationTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 12, 0);
    private static readonly Guid FamilyId = Guid.NewGuid();

    [Theory]
    [InlineData(UserRole.Parent)]
    [InlineData(UserRole.Advisor)]
    public void Create_ByParentOrAdvisor_CreatesInTheActorsFamily(UserRole role)
    {
        var result = TaskTypeAdministration.Create(Actor(role), " Kitchen ", "🍽", 10, Now);

        Assert.True(result.IsSuccess);
        Assert.Equal("Kitchen", result.Value!.Name);
        Assert.Equal(FamilyId, result.Value.FamilyId);
        Assert.Equal(10, result.Value.DefaultPoints);
        Assert.Equal(Now, result.Value.CreatedAt);
    }

    [Fact]
    public void Create_ByMember_IsNotAuthorized()
    {
        Assert.IsType<NotAuthorizedError>(TaskTypeAdministration.Create(Actor(UserRole.Member), "Kitchen", null, 10, Now).Error);
    }

    [Theory]
    [InlineData(" ", 0, "name")]
    [InlineData("Kitchen", -1, "defaultPoints")]
    [InlineData("Kitchen", 1001, "defaultPoints")]
    public void Create_WithInvalidField_FailsNamingIt(string name, int points, string field)
    {
        Assert.Equal(field, Assert.IsType<ValidationError>(TaskTypeAdministration.Create(Actor(UserRole.Parent), name, null, points, Now).Error).Field);
    }

    [Fact]
    public void Update_OfAnotherFamilysOrDeletedType_IsNotFound()
    {
        var foreign = new TaskType { FamilyId = Guid.NewGuid(), Name = "X" };
        var deleted = new TaskType { FamilyId = FamilyId, Name = "X", DeletedAt = Now };

        Assert.IsType<NotFoundError>(TaskTypeAdministration.Update(foreign, Actor(UserRole.Advisor), "Y", null, null).Error);
        Assert.IsType<NotFoundError>(TaskTypeAdministration.Delete(deleted, Actor(UserRole.Advisor), Now).Error);
    }

    [Fact]
    public void Delete_ByParent_SetsDeletedAt()
    {
        var type = new TaskType { FamilyId = FamilyId, Name = "X" };

        Assert.True(TaskTypeAdministration.Delete(type, Actor(UserRole.Parent), Now).IsSuccess);

        Assert.Equal(Now, type.DeletedAt);
    }

    private static User Actor(UserRole role) =>
        new() { FamilyId = FamilyId, Username = "u", Email = "u@x.test", FullName = "U", PasswordHash = "x", Role = role };
}
