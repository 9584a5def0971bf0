using KdFamily.Domain.Errors;
using KdFamily.Domain.Users;
using NodaTime;

namespace KdFamily.Domain.Tests.Families;

public sealed class MembershipTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 12, 0);
    private static readonly Guid FamilyId = Guid.NewGuid();

    /// <summary>Every actor role × target role × new role, for a family with two advisors.</summary>
    public static TheoryData<UserRole, UserRole, UserRole> AllRoleCombinations()
    {
        var data = new TheoryData<UserRole, UserRole, UserRole>();
        foreach (var actor in Enum.GetValues<UserRole>())
        {
            foreach (var target in Enum.GetValues<UserRole>())
            {
                foreach (var role in Enum.GetValues<UserRole>())
                {
                    data.Add(actor, target, role);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllRoleCombinations))]
    public void ChangeRole_OfAnotherMember_OnlyAdvisorsSucceed(UserRole actorRole, UserRole targetRole, UserRole newRole)
    {
        var actor = Member(actorRole);
        var target = Member(targetRole);

        var result = Membership.ChangeRole(actor, target, newRole, advisorCount: 2, Now);

        if (actorRole == UserRole.Advisor)
        {
            Assert.True(result.IsSuccess);
            Assert.Equal(newRole, target.Role);
        }
        else
        {
            Assert.IsType<NotAuthorizedError>(result.Error);
            Assert.Equal(targetRole, target.Role);
        }
    }

    [Theory]
    [MemberData(nameof(AllRoleCombinations))]
    public void ChangeRole_OfOneself_FailsUnlessBelowAdvisor(UserRole actorRole, UserRole unused, UserRole newRole)
    {
        _ = unused;
        var actor = Member(actorRole);

        var result = Membership.ChangeRole(actor, actor, newRole, advisorCount: 2, Now);

        // Below advisor the role check answers first; either way nobody changes their own role.
        Assert.Equal(actorRole == UserRole.Advisor ? "SELF_ROLE_CHANGE" : "NOT_AUTHORIZED", result.Error?.Code);
        Assert.Equal(actorRole, actor.Role);
    }

    [Theory]
    [InlineData(UserRole.Parent)]
    [InlineData(UserRole.Member)]
    public void ChangeRole_DemotingTheLastAdvisor_FailsWithLastAdvisor(UserRole newRole)
    {
        // Reachable when another advisor's demotion committed first (the count is taken under a lock).
        var actor = Member(UserRole.Advisor);
        var target = Member(UserRole.Advisor);

        var result = Membership.ChangeRole(actor, target, newRole, advisorCount: 1, Now);

        Assert.IsType<LastAdvisorError>(result.Error);
        Assert.Equal(UserRole.Advisor, target.Role);
    }

    [Fact]
    public void ChangeRole_PromotingToAdvisor_SetsRoleAndUpdatedAt()
    {
        var target = Member(UserRole.Member);

        var result = Membership.ChangeRole(Member(UserRole.Advisor), target, UserRole.Advisor, advisorCount: 1, Now);

        Assert.Same(target, result.Value);
        Assert.Equal(UserRole.Advisor, target.Role);
        Assert.Equal(Now, target.UpdatedAt);
    }

    [Fact]
    public void ChangeRole_OfAnotherFamilysUser_IsNotFound()
    {
        var stranger = Member(UserRole.Member, Guid.NewGuid());

        Assert.IsType<NotFoundError>(Membership.ChangeRole(Member(UserRole.Advisor), stranger, UserRole.Parent, 2, Now).Error);
    }

    [Fact]
    public void ChangeRole_OfRemovedMember_IsNotFound()
    {
        var removed = Member(UserRole.Member);
        removed.RemovedAt = Now;

        Assert.IsType<NotFoundError>(Membership.ChangeRole(Member(UserRole.Advisor), removed, UserRole.Parent, 2, Now).Error);
    }

    [Theory]
    [InlineData(UserRole.Advisor, UserRole.Member, 1, null)]
    [InlineData(UserRole.Advisor, UserRole.Parent, 1, null)]
    [InlineData(UserRole.Advisor, UserRole.Advisor, 2, null)]
    [InlineData(UserRole.Parent, UserRole.Member, 1, "NOT_AUTHORIZED")]
    [InlineData(UserRole.Member, UserRole.Member, 1, "NOT_AUTHORIZED")]
    public void Remove_AnotherMember_FollowsTheRoleRules(UserRole actorRole, UserRole targetRole, int advisors, string? code)
    {
        var target = Member(targetRole);

        var result = Membership.Remove(Member(actorRole), target, advisors, Now);

        Assert.Equal(code, result.Error?.Code);
        Assert.Equal(code is null ? Now : null, target.RemovedAt);
    }

    [Fact]
    public void Remove_OneselfAsLastAdvisor_FailsWithLastAdvisor()
    {
        var advisor = Member(UserRole.Advisor);

        Assert.IsType<LastAdvisorError>(Membership.Remove(advisor, advisor, advisorCount: 1, Now).Error);
        Assert.Null(advisor.RemovedAt);
    }

    [Fact]
    public void Remove_OneselfWithAnotherAdvisorLeft_Succeeds()
    {
        var advisor = Member(UserRole.Advisor);

        Assert.True(Membership.Remove(advisor, advisor, advisorCount: 2, Now).IsSuccess);
        Assert.Equal(Now, advisor.RemovedAt);
    }

    [Fact]
    public void Remove_AlreadyRemovedOrForeignMember_IsNotFound()
    {
        var removed = Member(UserRole.Member);
        removed.RemovedAt = Now;

        Assert.IsType<NotFoundError>(Membership.Remove(Member(UserRole.Advisor), removed, 1, Now).Error);
        Assert.IsType<NotFoundError>(Membership.Remove(Member(UserRole.Advisor), Member(UserRole.Member, Guid.NewGuid()), 1, Now).Error);
    }

    private static User Member(UserRole role, Guid? familyId = null) => new()
    {
        FamilyId = familyId ?? FamilyId,
        Username = "u" + Guid.NewGuid().ToString("N")[..6],
        Email = "u@x.test",
        FullName = "U",
        PasswordHash = "x",
        Role = role,
    };
}
