using KdFamily.Domain.Errors;
using KdFamily.Domain.Families;
using KdFamily.Domain.Rewards;
using KdFamily.Domain.Tests.Tasks;
using KdFamily.Domain.Users;
using NodaTime;

namespace KdFamily.Domain.Tests.Rewards;

/// <summary>
/// Every (status, action, role, whose redemption) combination: the allowed ones move the redemption as the issue says;
/// every other one returns its declared error and leaves the redemption untouched.
/// </summary>
public sealed class RedemptionStateMachineTests
{
    public enum Requester
    {
        Caller,
        Someone,
    }

    private static readonly Instant Requested = Instant.FromUtc(2026, 11, 20, 8, 0);
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 12, 0);

    private readonly Family _family = new() { Name = "Store", TimeZone = "UTC", InviteCode = "CODE" };

    public static TheoryData<RedemptionStatus, RedemptionAction, UserRole, Requester> Combinations()
    {
        var data = new TheoryData<RedemptionStatus, RedemptionAction, UserRole, Requester>();
        foreach (var status in Enum.GetValues<RedemptionStatus>())
        {
            foreach (var action in Enum.GetValues<RedemptionAction>())
            {
                foreach (var role in Enum.GetValues<UserRole>())
                {
                    foreach (var requester in Enum.GetValues<Requester>())
                    {
                        data.Add(status, action, role, requester);
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Action_InEveryStatusForEveryRole_SucceedsOnlyWhereTheStateMachineAllowsIt(
        RedemptionStatus status, RedemptionAction action, UserRole role, Requester requester)
    {
        var caller = TestUsers.Create(_family, role, "caller");
        var someone = TestUsers.Create(_family, UserRole.Member, "someone");
        var redemption = Redemption(status, requester == Requester.Caller ? caller : someone);
        var before = Snapshot(redemption);
        var expected = ExpectedError(status, action, role, requester);

        var result = Act(redemption, action, caller);

        if (expected is null)
        {
            Assert.True(result.IsSuccess, $"expected success, got {result.Error}");
            Assert.Same(redemption, result.Value);
            Assert.Equal(ExpectedStatus(action), redemption.Status);
            Assert.Equal(Now, redemption.DecidedAt);
            Assert.Equal(action == RedemptionAction.Cancel ? null : caller.Id, redemption.DecidedById);
            Assert.Equal(action == RedemptionAction.Reject ? "Not this week" : null, redemption.Reason);
            Assert.Equal(action != RedemptionAction.Approve, redemption.IsRefunded);
        }
        else
        {
            Assert.False(result.IsSuccess, $"expected {expected}, but the action succeeded");
            Assert.Equal(expected, result.Error!.Code);
            Assert.Equal(before, Snapshot(redemption));
            if (result.Error is RedemptionInvalidTransitionError invalid)
            {
                Assert.Equal((status, action), (invalid.From, invalid.Action));
            }
        }
    }

    [Theory]
    [InlineData(RedemptionAction.Approve)]
    [InlineData(RedemptionAction.Reject)]
    [InlineData(RedemptionAction.Cancel)]
    public void Action_ByAnotherFamilysAdvisor_IsNotFound(RedemptionAction action)
    {
        var stranger = TestUsers.Create(new Family { Name = "Other", TimeZone = "UTC", InviteCode = "OTHER" }, UserRole.Advisor, "stranger");
        var redemption = Redemption(RedemptionStatus.Requested, TestUsers.Create(_family, UserRole.Member, "kid"));

        Assert.Equal(ErrorCodes.NotFound, Act(redemption, action, stranger).Error!.Code);
        Assert.Equal(RedemptionStatus.Requested, redemption.Status);
    }

    [Fact]
    public void Cancel_ByARemovedRequester_IsNotFound()
    {
        var kid = TestUsers.Create(_family, UserRole.Member, "kid");
        var redemption = Redemption(RedemptionStatus.Requested, kid);
        kid.RemovedAt = Now;

        Assert.IsType<NotFoundError>(redemption.Cancel(kid, Now).Error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void Reject_WithoutAReason_IsAValidationErrorOnReason(string? reason)
    {
        var parent = TestUsers.Create(_family, UserRole.Parent, "parent");
        var redemption = Redemption(RedemptionStatus.Requested, TestUsers.Create(_family, UserRole.Member, "kid"));

        var error = Assert.IsType<ValidationError>(redemption.Reject(parent, reason, Now).Error);

        Assert.Equal("reason", error.Field);
        Assert.Equal(RedemptionStatus.Requested, redemption.Status);
    }

    [Fact]
    public void Reject_WithATooLongReason_IsAValidationErrorOnReason()
    {
        var parent = TestUsers.Create(_family, UserRole.Parent, "parent");
        var redemption = Redemption(RedemptionStatus.Requested, TestUsers.Create(_family, UserRole.Member, "kid"));

        Assert.Equal("reason", Assert.IsType<ValidationError>(redemption.Reject(parent, new string('x', RewardLimits.MaxReasonLength + 1), Now).Error).Field);
    }

    private static string? ExpectedError(RedemptionStatus status, RedemptionAction action, UserRole role, Requester requester)
    {
        if (action == RedemptionAction.Cancel)
        {
            return requester != Requester.Caller ? ErrorCodes.NotAuthorized
                : status != RedemptionStatus.Requested ? ErrorCodes.InvalidTransition
                : null;
        }

        return role < UserRole.Parent ? ErrorCodes.NotAuthorized
            : status != RedemptionStatus.Requested ? ErrorCodes.InvalidTransition
            : requester == Requester.Caller ? ErrorCodes.SelfApproval
            : null;
    }

    private static RedemptionStatus ExpectedStatus(RedemptionAction action) => action switch
    {
        RedemptionAction.Approve => RedemptionStatus.Approved,
        RedemptionAction.Reject => RedemptionStatus.Rejected,
        _ => RedemptionStatus.Cancelled,
    };

    private static Result<Redemption> Act(Redemption redemption, RedemptionAction action, User caller) => action switch
    {
        RedemptionAction.Approve => redemption.Approve(caller, Now),
        RedemptionAction.Reject => redemption.Reject(caller, " Not this week ", Now),
        _ => redemption.Cancel(caller, Now),
    };

    private Redemption Redemption(RedemptionStatus status, User requester) => new()
    {
        FamilyId = _family.Id,
        RewardId = Guid.CreateVersion7(),
        UserId = requester.Id,
        Cost = 30,
        Status = status,
        RequestedAt = Requested,
        DecidedAt = status == RedemptionStatus.Requested ? null : Requested + Duration.FromHours(1),
    };

    private static (RedemptionStatus, Instant?, Guid?, string?, int) Snapshot(Redemption r) => (r.Status, r.DecidedAt, r.DecidedById, r.Reason, r.Cost);
}
