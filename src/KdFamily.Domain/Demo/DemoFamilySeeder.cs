using KdFamily.Domain.Data;
using KdFamily.Domain.Families;
using KdFamily.Domain.Points;
using KdFamily.Domain.Rewards;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace KdFamily.Domain.Demo;

/// <summary>
/// Seeds the demo family of the README on first start: an advisor, a parent, three members, tasks in every
/// workflow state, a ledger consistent with the approved ones, a few rewards and one redemption waiting for a parent
/// (its points held by a <c>redemption</c> row). Does nothing when the demo family exists.
/// </summary>
public static class DemoFamilySeeder
{
    public const string InviteCode = "DEMO-FAMILY";
    public const string Password = "demo-password-1";

    public static readonly IReadOnlyList<(string Username, string FullName, UserRole Role)> Logins =
    [
        ("alex", "Alex Advisor", UserRole.Advisor),
        ("pat", "Pat Parent", UserRole.Parent),
        ("mia", "Mia Member", UserRole.Member),
        ("leo", "Leo Member", UserRole.Member),
        ("zoe", "Zoe Member", UserRole.Member),
    ];

    /// <returns>true when the family was created now, false when it already existed.</returns>
    public static async Task<bool> SeedAsync(KdFamilyDbContext db, IClock clock, Func<string, string> hashPassword, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(hashPassword);
        if (await db.Families.AnyAsync(f => f.InviteCode == InviteCode, cancellationToken))
        {
            return false;
        }

        var now = clock.GetCurrentInstant();
        var family = new Family
        {
            Name = "The Demo Family",
            Description = "Seeded on first start so the API has something to show.",
            TimeZone = "Europe/Berlin",
            InviteCode = InviteCode,
            CreatedAt = now - Duration.FromDays(21),
            UpdatedAt = now,
        };
        var passwordHash = hashPassword(Password);
        var users = Logins.Select(l => new User
        {
            FamilyId = family.Id,
            Username = l.Username,
            Email = $"{l.Username}@demo.kdfamily.test",
            FullName = l.FullName,
            Role = l.Role,
            PasswordHash = passwordHash,
            CreatedAt = family.CreatedAt,
            UpdatedAt = family.CreatedAt,
        }).ToList();
        db.Families.Add(family);
        db.Users.AddRange(users);

        var (parent, mia, leo, zoe) = (users[1], users[2], users[3], users[4]);
        var ledger = new Ledger(family, now);

        void Approved(string title, User who, int points, int daysAgo, int bonus = 0)
        {
            var completed = now - Duration.FromDays(daysAgo) - Duration.FromHours(2);
            var task = NewTask(family, parent, title, points, now - Duration.FromDays(daysAgo + 1));
            task.Status = FamilyTaskStatus.Approved;
            task.AssignedToId = who.Id;
            task.StartedAt = completed - Duration.FromMinutes(30);
            task.CompletedAt = completed;
            task.ActualMinutes = 25;
            task.ApprovedAt = completed + Duration.FromHours(1);
            task.ApprovedById = parent.Id;
            db.Tasks.Add(task);
            ledger.Add(who, points, $"Task approved: {title}", PointsChangeKinds.ApprovedTaskPoints, parent, task, task.ApprovedAt.Value);
            if (bonus > 0)
            {
                ledger.Add(who, bonus, $"Bonus for: {title}", PointsChangeKinds.ApprovalBonus, parent, task, task.ApprovedAt.Value + Duration.FromSeconds(1));
            }
        }

        Approved("Empty the dishwasher", mia, 10, 6);
        Approved("Walk the dog", mia, 15, 5, bonus: 5);
        Approved("Water the plants", mia, 5, 1);
        Approved("Tidy the bedroom", mia, 20, 0);
        Approved("Take out the recycling", leo, 10, 3);
        Approved("Fold the laundry", leo, 15, 1);
        Approved("Set the table", zoe, 5, 2);

        var pending = NewTask(family, parent, "Vacuum the living room", 20, now - Duration.FromHours(20));
        pending.DueDate = now + Duration.FromDays(1);
        var claimedPending = NewTask(family, parent, "Clean the bathroom sink", 15, now - Duration.FromHours(18));
        claimedPending.AssignedToId = zoe.Id;
        var inProgress = NewTask(family, parent, "Mow the lawn", 30, now - Duration.FromHours(10));
        inProgress.Status = FamilyTaskStatus.InProgress;
        inProgress.AssignedToId = leo.Id;
        inProgress.StartedAt = now - Duration.FromHours(1);
        inProgress.Priority = TaskPriority.High;
        var completedTask = NewTask(family, parent, "Wash the car", 25, now - Duration.FromHours(30));
        completedTask.Status = FamilyTaskStatus.Completed;
        completedTask.AssignedToId = mia.Id;
        completedTask.StartedAt = now - Duration.FromHours(5);
        completedTask.CompletedAt = now - Duration.FromHours(4);
        completedTask.ActualMinutes = 45;
        var rejected = NewTask(family, parent, "Clean the windows", 20, now - Duration.FromDays(2));
        rejected.Status = FamilyTaskStatus.Rejected;
        rejected.AssignedToId = zoe.Id;
        rejected.StartedAt = now - Duration.FromDays(1) - Duration.FromHours(3);
        rejected.CompletedAt = now - Duration.FromDays(1) - Duration.FromHours(2);
        rejected.RejectedAt = now - Duration.FromDays(1);
        rejected.RejectionReason = "Streaks are still visible on the big window.";
        db.Tasks.AddRange(pending, claimedPending, inProgress, completedTask, rejected);

        ledger.Add(zoe, 10, "Helped grandma with the groceries", PointsChangeKinds.ManualAward, parent, task: null, now - Duration.FromDays(4));
        ledger.Add(leo, -5, "Left the bike out in the rain", PointsChangeKinds.ManualAward, parent, task: null, now - Duration.FromDays(2));

        var screenTime = NewReward(family, "Extra hour of screen time", "On a weekend day.", 30, stock: null, requiresApproval: true, now - Duration.FromDays(20));
        var cinema = NewReward(family, "Family cinema night", "Everyone comes; you pick the film.", 100, stock: 2, requiresApproval: true, now - Duration.FromDays(20));
        var sticker = NewReward(family, "Sticker pack", "From the drawer in the hall.", 5, stock: 10, requiresApproval: false, now - Duration.FromDays(20));
        db.Rewards.AddRange(screenTime, cinema, sticker);
        var pendingRedemption = new Redemption
        {
            FamilyId = family.Id,
            RewardId = screenTime.Id,
            UserId = mia.Id,
            Cost = screenTime.Cost,
            Status = RedemptionStatus.Requested,
            RequestedAt = now - Duration.FromHours(3),
        };
        db.Redemptions.Add(pendingRedemption);
        ledger.Add(mia, -screenTime.Cost, $"Reward redeemed: {screenTime.Name}", PointsChangeKinds.Redemption, awardedBy: null, task: null,
            pendingRedemption.RequestedAt, PointsLedger.RedemptionKey(pendingRedemption.Id));

        ledger.WriteTo(db);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static FamilyTask NewTask(Family family, User creator, string title, int points, Instant createdAt) => new()
    {
        FamilyId = family.Id,
        Title = title,
        Points = points,
        Status = FamilyTaskStatus.Pending,
        CreatedById = creator.Id,
        CreatedAt = createdAt,
        UpdatedAt = createdAt,
    };

    private static Reward NewReward(Family family, string name, string description, int cost, int? stock, bool requiresApproval, Instant createdAt) => new()
    {
        FamilyId = family.Id,
        Name = name,
        Description = description,
        Cost = cost,
        Stock = stock,
        RequiresApproval = requiresApproval,
        CreatedAt = createdAt,
        UpdatedAt = createdAt,
    };

    /// <summary>Collects ledger rows, then writes them in time order with running balances per user, as the real ledger does.</summary>
    private sealed class Ledger(Family family, Instant now)
    {
        private readonly List<PointsTransaction> _rows = [];

        public void Add(User user, int delta, string reason, string bonusType, User? awardedBy, FamilyTask? task, Instant at, string? key = null) =>
            _rows.Add(new PointsTransaction
            {
                FamilyId = family.Id,
                UserId = user.Id,
                Delta = delta,
                Reason = reason,
                BonusType = bonusType,
                AwardedById = awardedBy?.Id,
                TaskId = task?.Id,
                IdempotencyKey = key ?? $"demo:{Guid.CreateVersion7()}",
                CreatedAt = at > now ? now : at,
            });

        public void WriteTo(KdFamilyDbContext db)
        {
            var balances = new Dictionary<Guid, int>();
            foreach (var row in _rows.OrderBy(r => r.CreatedAt))
            {
                row.BalanceAfter = balances.GetValueOrDefault(row.UserId) + row.Delta;
                balances[row.UserId] = row.BalanceAfter;
                db.PointsHistory.Add(row);
            }
        }
    }
}
