using KdFamily.Domain.Families;
using NodaTime;
using NpgsqlTypes;

namespace KdFamily.Domain.Users;

public sealed class User
{
    /// <summary>A new user with a fresh id.</summary>
    public User() => Id = Guid.CreateVersion7();

    /// <summary>A user read from the database: EF Core binds <paramref name="id"/>, so reading one generates no id.</summary>
    public User(Guid id) => Id = id;

    public Guid Id { get; set; }
    public Guid FamilyId { get; set; }
    public Family? Family { get; set; }
    public required string Username { get; set; }

    /// <summary>The account's e-mail address; null for a child account (<see cref="IsChildAccount"/>), which has none.</summary>
    public string? Email { get; set; }
    public required string FullName { get; set; }

    /// <summary>Hash of the password, or of the PIN of a child account.</summary>
    public required string PasswordHash { get; set; }
    public UserRole Role { get; set; }
    public string? AvatarUrl { get; set; }
    public Instant CreatedAt { get; set; }
    public Instant UpdatedAt { get; set; }

    /// <summary>
    /// A MEMBER created by a parent, signing in with username and PIN, without an e-mail address; it cannot change its
    /// role, PIN, address or family (see <see cref="ChildAccounts.ChildAccount"/>).
    /// </summary>
    public bool IsChildAccount { get; set; }

    /// <summary>Consecutive PIN attempts not (yet) proven right, counted by <see cref="ChildAccounts.PinLockout"/>; child accounts only.</summary>
    public int PinFailedAttempts { get; set; }

    /// <summary>Until when the child account's sign-in is locked after too many wrong PINs (<see cref="ChildAccounts.PinLockout"/>).</summary>
    public Instant? PinLockedUntil { get; set; }

    /// <summary>Set when an advisor removes the member; history keeps pointing at the row.</summary>
    public Instant? RemovedAt { get; set; }

    /// <summary>Set when the user deleted their account: the row is pseudonymised (see <c>Privacy.AccountErasure</c>).</summary>
    public Instant? ErasedAt { get; set; }

    /// <summary>Generated column over full name and username, GIN-indexed.</summary>
    public NpgsqlTsVector? SearchVector { get; private set; }
}
