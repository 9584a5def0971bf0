using GraphQL.Types;
using KdFamily.Domain.Achievements;

namespace KdFamily.Graph.Achievements;

public sealed class BadgeLevelType : EnumerationGraphType<BadgeLevel>
{
    public BadgeLevelType()
    {
        Name = "BadgeLevel";
        Description = "The tier of an achievement's badge.";
    }
}
