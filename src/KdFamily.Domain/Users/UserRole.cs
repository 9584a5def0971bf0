namespace KdFamily.Domain.Users;

/// <summary>Per-family roles in a strict hierarchy: a higher value may do everything a lower one may.</summary>
public enum UserRole
{
    Member = 0,
    Parent = 1,
    Advisor = 2,
}
