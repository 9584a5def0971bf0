namespace KdFamily.Domain.Achievements;

public enum BadgeLevel
{
    Bronze,
    Silver,
    Gold,
    Platinum,
}
