using KdFamily.Domain.Rewards;

namespace KdFamily.Domain.Errors;

/// <summary>The member's balance (the ledger's sum) does not cover the reward's cost.</summary>
public sealed record InsufficientPointsError(int Balance, int Cost, string Message) : DomainError(ErrorCodes.InsufficientPoints, Message)
{
    public static InsufficientPointsError Of(int balance, int cost) =>
        new(balance, cost, $"This reward costs {cost} points; your balance is {balance}.");
}

/// <summary>The reward has no stock left.</summary>
public sealed record OutOfStockError(string Message) : DomainError(ErrorCodes.OutOfStock, Message);

/// <summary>The redemption's status does not allow the action (e.g. approving it twice, or cancelling a decided one).</summary>
public sealed record RedemptionInvalidTransitionError(RedemptionStatus From, RedemptionAction Action, string Message)
    : DomainError(ErrorCodes.InvalidTransition, Message)
{
    public static RedemptionInvalidTransitionError Of(RedemptionStatus from, RedemptionAction action) =>
        new(from, action, $"A redemption in status {from.ToString().ToUpperInvariant()} cannot be {PastTense(action)}.");

    private static string PastTense(RedemptionAction action) => action switch
    {
        RedemptionAction.Approve => "approved",
        RedemptionAction.Reject => "rejected",
        _ => "cancelled",
    };
}
