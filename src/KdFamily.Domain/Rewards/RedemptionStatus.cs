namespace KdFamily.Domain.Rewards;

/// <summary>Where a redemption stands: REQUESTED waits for a parent; the others are final.</summary>
public enum RedemptionStatus
{
    Requested,
    Approved,
    Rejected,
    Cancelled,
}

/// <summary>The actions on an existing redemption, as recorded in audit rows and refusals.</summary>
public enum RedemptionAction
{
    Approve,
    Reject,
    Cancel,
}
