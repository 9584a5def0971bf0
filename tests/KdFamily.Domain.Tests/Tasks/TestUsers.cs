using KdFamily.Domain.Families;
using KdFamily.Domain.Users;

namespace KdFamily.Domain.Tests.Tasks;

internal static class TestUsers
{
    public static User Create(Family family, UserRole role, string name) => new()
    {
        FamilyId = family.Id,
        Username = name,
        Email = $"{name}@example.test",
        FullName = name,
        PasswordHash = "x",
        Role = role,
    };
}
