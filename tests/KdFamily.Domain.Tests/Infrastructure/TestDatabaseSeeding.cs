using KdFamily.Domain.Families;
using KdFamily.Domain.Points;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using KdFamily.Testing;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace KdFamily.Domain.Tests.Infrastructure;

/// <summary>Rows the domain tests start from, written to a <see cref="TestDatabase"/>.</summary>
public static class TestDatabaseSeeding
{
    /// <summary>A family in <paramref name="timeZone"/> with an advisor, a parent and <paramref name="memberCount"/> members, created at <paramref name="createdAt"/>.</summary>
    public static async Task<(Family Family, List<User> Users)> AddFamilyAsync(this TestDatabase database, Instant createdAt, int memberCount = 2, string timeZone = "Europe/Berlin")
    {
        var family = new Family { Name = "Test", TimeZone = timeZone, InviteCode = "T" + Guid.NewGuid().ToString("N")[..12], CreatedAt = createdAt, UpdatedAt = createdAt };
        var names = new[] { "Ada Advisor", "Pat Parent" }.Concat(Enumerable.Range(1, memberCount).Select(i => $"Member {i}")).ToList();
        var users = names.Select((name, i) => new User
        {
            FamilyId = family.Id,
            Username = $"u{i}-{Guid.NewGuid():N}"[..20],
            Email = $"{Guid.NewGuid():N}@example.test",
            FullName = name,
            PasswordHash = "x",
            Role = i == 0 ? UserRole.Advisor : i == 1 ? UserRole.Parent : UserRole.Member,
            CreatedAt = createdAt,
            UpdatedAt = createdAt,
        }).ToList();
        await using var db = database.CreateDbContext();
        db.Add(family);
        db.AddRange(users);
        await db.SaveChangesAsync();
        return (family, users);
    }

    /// <summary>A task completed at <paramref name="completedAt"/> and still waiting for approval (no ledger row).</summary>
    public static async Task CompleteAsync(this TestDatabase database, Family family, User user, Instant completedAt)
    {
        await using var db = database.CreateDbContext();
        db.Tasks.Add(new FamilyTask
        {
            FamilyId = family.Id,
            Title = "Waiting for approval",
            Status = FamilyTaskStatus.Completed,
            AssignedToId = user.Id,
            CreatedById = user.Id,
            Points = 5,
            CompletedAt = completedAt,
            CreatedAt = completedAt,
            UpdatedAt = completedAt,
        });
        await db.SaveChangesAsync();
    }

    /// <summary>An approved task completed at <paramref name="completedAt"/> and its ledger row.</summary>
    public static async Task ApproveAsync(this TestDatabase database, Family family, User user, int points, Instant completedAt)
    {
        await using var db = database.CreateDbContext();
        var balance = await db.PointsHistory.Where(p => p.UserId == user.Id).SumAsync(p => p.Delta);
        var task = new FamilyTask
        {
            FamilyId = family.Id,
            Title = "Done",
            Status = FamilyTaskStatus.Approved,
            AssignedToId = user.Id,
            CreatedById = user.Id,
            Points = points,
            CompletedAt = completedAt,
            ApprovedAt = completedAt,
            CreatedAt = completedAt,
            UpdatedAt = completedAt,
        };
        db.Tasks.Add(task);
        db.PointsHistory.Add(new PointsTransaction
        {
            FamilyId = family.Id,
            UserId = user.Id,
            Delta = points,
            BalanceAfter = balance + points,
            Reason = "Approved",
            BonusType = "task",
            TaskId = task.Id,
            IdempotencyKey = $"task:{task.Id}:approval",
            CreatedAt = completedAt,
        });
        await db.SaveChangesAsync();
    }
}
