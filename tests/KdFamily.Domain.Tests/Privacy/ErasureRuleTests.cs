using KdFamily.Domain.Errors;
using KdFamily.Domain.Families;
using KdFamily.Domain.Privacy;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Tests.Tasks;
using KdFamily.Domain.Users;
using NodaTime;

namespace KdFamily.Domain.Tests.Privacy;

/// <summary>What deleting an account or a family decides, without a database.</summary>
public sealed class ErasureRuleTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 30, 12, 0);
    private readonly Family _family = new() { Name = "The Smiths", TimeZone = "UTC", InviteCode = "CODE" };

    [Theory]
    [InlineData(UserRole.Advisor, 1, 3, true)]
    [InlineData(UserRole.Advisor, 2, 3, false)]
    [InlineData(UserRole.Advisor, 1, 1, false)]
    [InlineData(UserRole.Parent, 1, 3, false)]
    [InlineData(UserRole.Member, 1, 3, false)]
    public void Refusal_LastAdvisorWithOthersOnly_IsLastAdvisor(UserRole role, int advisors, int members, bool refused)
    {
        var caller = TestUsers.Create(_family, role, "caller");

        var error = AccountErasure.Refusal(caller, advisors, members);

        Assert.Equal(refused, error is LastAdvisorError);
        Assert.Equal(refused, error is not null);
    }

    [Fact]
    public void Erase_Member_ReplacesEverythingIdentifyingAndIsIdempotent()
    {
        var user = TestUsers.Create(_family, UserRole.Member, "ada");
        user.AvatarUrl = "https://example.test/ada.png";

        AccountErasure.Erase(user, Now);
        AccountErasure.Erase(user, Now + Duration.FromHours(1));

        Assert.Equal(
            ("Deleted member", $"deleted-{user.Id:N}", $"deleted-{user.Id:N}@deleted.invalid", "", null, Now, Now),
            (user.FullName, user.Username, user.Email, user.PasswordHash, user.AvatarUrl, user.RemovedAt, user.ErasedAt));
    }

    [Theory]
    [InlineData(FamilyTaskStatus.Pending, true)]
    [InlineData(FamilyTaskStatus.InProgress, true)]
    [InlineData(FamilyTaskStatus.Rejected, true)]
    [InlineData(FamilyTaskStatus.Completed, true)]
    [InlineData(FamilyTaskStatus.Approved, false)]
    public void HandBackWorkOfErased_UnapprovedWork_BecomesUnassignedPendingByTheLeaver(FamilyTaskStatus status, bool handedBack)
    {
        var leaver = TestUsers.Create(_family, UserRole.Member, "leaver");
        var task = new FamilyTask { FamilyId = _family.Id, Title = "Dishes", Status = status, AssignedToId = leaver.Id, CompletedAt = Now, StartedAt = Now };
        AccountErasure.Erase(leaver, Now);

        var transitions = FamilyTask.HandBackWorkOfErased(leaver, [task], Now);

        Assert.Equal(handedBack ? 1 : 0, transitions.Count);
        Assert.Equal(handedBack ? (FamilyTaskStatus.Pending, (Guid?)null) : (status, leaver.Id), (task.Status, task.AssignedToId));
        Assert.All(transitions, t => Assert.Equal((TaskActions.Unassign, leaver.Id, status), (t.Action, t.ActorId, t.FromStatus!.Value)));
    }

    [Theory]
    [InlineData(UserRole.Advisor, "The Smiths", null)]
    [InlineData(UserRole.Advisor, "the smiths", ErrorCodes.FamilyNameMismatch)]
    [InlineData(UserRole.Advisor, "The Smiths ", ErrorCodes.FamilyNameMismatch)]
    [InlineData(UserRole.Parent, "The Smiths", ErrorCodes.NotAuthorized)]
    public void FamilyRefusal_NeedsAnAdvisorAndTheExactName(UserRole role, string confirmName, string? code)
    {
        var actor = TestUsers.Create(_family, role, "actor");

        Assert.Equal(code, FamilyErasure.Refusal(_family, actor, confirmName)?.Code);
    }

    [Fact]
    public void FamilyRefusal_ForAnotherFamily_IsNotFound()
    {
        var stranger = TestUsers.Create(new Family { Name = "Other", TimeZone = "UTC", InviteCode = "X" }, UserRole.Advisor, "stranger");

        Assert.IsType<NotFoundError>(FamilyErasure.Refusal(_family, stranger, "The Smiths"));
    }
}
