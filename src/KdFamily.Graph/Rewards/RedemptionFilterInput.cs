using GraphQL.Types;
using KdFamily.Domain.Rewards;

namespace KdFamily.Graph.Rewards;

/// <summary>`where:` of the redemption connections; conditions combine with AND.</summary>
public sealed class RedemptionFilter
{
    public RedemptionStatus? Status { get; set; }
    public string? UserId { get; set; }
}

public sealed class RedemptionFilterInputType : InputObjectGraphType<RedemptionFilter>
{
    public RedemptionFilterInputType()
    {
        Name = "RedemptionFilterInput";
        Description = "Which redemptions to list; all given conditions must hold.";
        Field<RedemptionStatusType>("status").Description("Only redemptions in this status (e.g. REQUESTED: what awaits a parent).");
        Field<IdGraphType>("userId").Description("Only this member's redemptions (an ID that is not one of the family's members matches nothing).");
    }
}
