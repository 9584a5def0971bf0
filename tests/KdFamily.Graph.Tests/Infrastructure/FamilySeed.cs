using KdFamily.Domain.Data;
using KdFamily.Domain.Families;
using KdFamily.Domain.Points;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace KdFamily.Graph.Tests.Infrastructure;

/// <summary>A deterministic family: members, tasks in every status, approved work on given days, and its ledger.</summary>
public sealed class FamilySeed
{
    private static readonly FamilyTaskStatus[] Statuses = [FamilyTaskStatus.Pending, FamilyTaskStatus.InProgress, FamilyTaskStatus.Completed, FamilyTaskStatus.Approved, FamilyTaskStatus.Rejected];

    public required Family Family { get; init; }

    public required List<User> Members { get; init; }

    public List<FamilyTask> Tasks { get; } = [];

    public List<PointsTransaction> Ledger { get; } = [];

    public User Advisor => Members[0];

    /// <summary>Creates a family with <paramref name="memberCount"/> members and <paramref name="taskCount"/> tasks cycling through the statuses.</summary>
    public static FamilySeed Create(string name, int memberCount, int taskCount, Instant now, string timeZone = "Europe/Berlin")
    {
        var family = new Family { Name = name, TimeZone = timeZone, InviteCode = "INV" + Guid.NewGuid().ToString("N")[..10], CreatedAt = now, UpdatedAt = now };
        var slug = name.ToLowerInvariant().Replace(' ', '-') + "-" + Guid.NewGuid().ToString("N")[..6];
        var members = Enumerable.Range(0, memberCount).Select(i => new User
        {
            FamilyId = family.Id,
            Username = $"{slug}-{i}",
            Email = $"{slug}-{i}@example.test",
            FullName = $"{name} Member {i:D2}",
            PasswordHash = "x",
            Role = i == 0 ? UserRole.Advisor : i == 1 ? UserRole.Parent : UserRole.Member,
            CreatedAt = now,
            UpdatedAt = now,
        }).ToList();
        var seed = new FamilySeed { Family = family, Members = members };
        for (var i = 0; i < taskCount; i++)
        {
            var status = Statuses[i % Statuses.Length];
            var assignee = status == FamilyTaskStatus.Pending && i % 2 == 0 ? null : members[i % memberCount];
            seed.AddTask($"Task {i:D3}", status, assignee, points: 5 + (i % 4 * 5), due: now.Plus(Duration.FromHours(i + 1)), created: now.Minus(Duration.FromMinutes(taskCount - i)));
        }

        return seed;
    }

    public FamilyTask AddTask(string title, FamilyTaskStatus status, User? assignee, int points, Instant? due, Instant created, Instant? completedAt = null)
    {
        var task = new FamilyTask
        {
            FamilyId = Family.Id,
            Title = title,
            Status = status,
            AssignedToId = assignee?.Id,
            CreatedById = Advisor.Id,
            Points = points,
            Priority = (TaskPriority)(Tasks.Count % 4),
            DueDate = due,
            CreatedAt = created,
            UpdatedAt = created,
        };
        if (status is FamilyTaskStatus.Completed or FamilyTaskStatus.Approved)
        {
            task.CompletedAt = completedAt ?? created;
        }

        if (status == FamilyTaskStatus.Approved && assignee is not null)
        {
            task.ApprovedById = Advisor.Id;
            task.ApprovedAt = task.CompletedAt;
            Award(assignee, points, task.ApprovedAt!.Value, task);
        }

        Tasks.Add(task);
        return task;
    }

    public PointsTransaction Award(User user, int points, Instant at, FamilyTask? task = null)
    {
        var balance = Ledger.Where(p => p.UserId == user.Id).Sum(p => p.Delta) + points;
        var row = new PointsTransaction
        {
            FamilyId = Family.Id,
            UserId = user.Id,
            Delta = points,
            BalanceAfter = balance,
            Reason = task is null ? "manual" : $"Approved: {task.Title}",
            BonusType = task is null ? "manual" : "task",
            TaskId = task?.Id,
            AwardedById = Advisor.Id,
            IdempotencyKey = Guid.NewGuid().ToString("N"),
            CreatedAt = at,
        };
        Ledger.Add(row);
        return row;
    }

    public async Task SaveAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
        db.Add(Family);
        db.AddRange(Members);
        await db.SaveChangesAsync();
        db.AddRange(Tasks);
        await db.SaveChangesAsync();
        db.AddRange(Ledger);
        await db.SaveChangesAsync();
    }
}
