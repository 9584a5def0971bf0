using KdFamily.Domain.Achievements;
using KdFamily.Domain.Families;
using KdFamily.Domain.Notifications;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Tests.Tasks;
using KdFamily.Domain.Users;
using NodaTime;

namespace KdFamily.Domain.Tests.Notifications;

public sealed class NotificationCatalogueTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 5, 20, 12, 0);
    private static readonly Family Family = new() { Name = "Catalogue", TimeZone = "UTC", InviteCode = "CAT" };
    private static readonly Guid Recipient = Guid.NewGuid();

    private static readonly FamilyTask Task = new()
    {
        FamilyId = Family.Id, Title = "Dishes", Points = 10, RejectionReason = "Still greasy.",
    };

    public static TheoryData<NotificationKind, string, string> TaskKinds => new()
    {
        { NotificationKind.TaskAssigned, "New task for you", "You were assigned \"Dishes\"." },
        { NotificationKind.TaskApproved, "Task approved", "\"Dishes\" was approved: +10 points." },
        { NotificationKind.TaskRejected, "Task needs another look", "\"Dishes\" was rejected: Still greasy." },
    };

    [Theory]
    [MemberData(nameof(TaskKinds))]
    public void ForTask_EachTaskKind_IsWordedAndLinksTheTaskForTheRecipient(NotificationKind kind, string title, string body)
    {
        var notification = NotificationCatalogue.ForTask(kind, Task, Recipient, Now);

        Assert.Equal((kind, title, body, Task.Id, (Guid?)null), (notification.Kind, notification.Title, notification.Body, notification.TaskId, notification.AchievementId));
        Assert.Equal((Recipient, Family.Id, Now, (Instant?)null), (notification.UserId, notification.FamilyId, notification.CreatedAt, notification.ReadAt));
    }

    [Theory]
    [InlineData(NotificationKind.AchievementUnlocked)]
    [InlineData(NotificationKind.MemberJoined)]
    public void ForTask_KindThatIsNotAboutATask_IsAProgrammerError(NotificationKind kind) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NotificationCatalogue.ForTask(kind, Task, Recipient, Now));

    [Theory]
    [InlineData(50, "Ten tasks done. You earned 50 points.")]
    [InlineData(0, "Ten tasks done.")]
    public void AchievementUnlocked_NamesTheAchievementAndItsReward(int reward, string body)
    {
        var achievement = new Achievement { Code = "TASKS_10", Name = "Busy Bee", Description = "Ten tasks done.", PointsReward = reward,
            Criteria = new AchievementCriteria(AchievementCriteriaKind.TasksApproved, 10) };

        var notification = NotificationCatalogue.AchievementUnlocked(achievement, Recipient, Family.Id, Now);

        Assert.Equal((NotificationKind.AchievementUnlocked, "Achievement unlocked: Busy Bee", body, achievement.Id, (Guid?)null),
            (notification.Kind, notification.Title, notification.Body, notification.AchievementId, notification.TaskId));
        Assert.Equal((Recipient, Family.Id), (notification.UserId, notification.FamilyId));
    }

    [Fact]
    public void MemberJoined_TellsTheRecipientWhoJoined()
    {
        var parent = TestUsers.Create(Family, UserRole.Parent, "parent");
        var newcomer = TestUsers.Create(Family, UserRole.Member, "newcomer");

        var notification = NotificationCatalogue.MemberJoined(parent, newcomer, Now);

        Assert.Equal((NotificationKind.MemberJoined, "New family member", "newcomer joined the family with an invite code.", parent.Id, Family.Id),
            (notification.Kind, notification.Title, notification.Body, notification.UserId, notification.FamilyId));
    }

    [Theory]
    [InlineData(UserRole.Member, false, false)]
    [InlineData(UserRole.Parent, false, true)]
    [InlineData(UserRole.Advisor, false, true)]
    [InlineData(UserRole.Advisor, true, false)]
    public void HearsAboutNewMembers_CurrentParentsAndAdvisorsOnly(UserRole role, bool removed, bool hears)
    {
        var user = TestUsers.Create(Family, role, "someone");
        user.RemovedAt = removed ? Now : null;

        Assert.Equal(hears, NotificationCatalogue.HearsAboutNewMembers(user));
    }
}
