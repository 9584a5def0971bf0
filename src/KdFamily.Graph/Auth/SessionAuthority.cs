using KdFamily.Domain.Users;
using NodaTime;

namespace KdFamily.Graph.Auth;

/// <summary>What the store says about a live session now: its user, their family and role, and when the session ends.</summary>
public sealed record SessionAuthority(Guid UserId, Guid FamilyId, UserRole Role, Instant SessionExpiresAt);
