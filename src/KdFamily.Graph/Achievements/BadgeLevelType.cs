using GraphQL.Types;
using KdFamily.Domain.Achievements;

namespace KdFamily.Graph.Achievements;

public sealed class BadgeLevelType : EnumerationGraphType<BadgeLevel>
{
    public BadgeLevelType()
    {
        Name = "BadgeLevel";
        Description = "The tier of an achievement's badge.";
        Values["BRONZE"]!.Description = "The first tier.";
        Values["SILVER"]!.Description = "The second tier.";
        Values["GOLD"]!.Description = "The third tier.";
        Values["PLATINUM"]!.Description = "The highest tier.";
    }
}
