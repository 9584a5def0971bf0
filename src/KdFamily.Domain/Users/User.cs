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
    public required string Email { get; set; }
    public required string FullName { get; set; }
    public required string PasswordHash { get; set; }
    public UserRole Role { get; set; }
    public string? AvatarUrl { get; set; }
    public Instant CreatedAt { get; set; }
    public Instant UpdatedAt { get; set; }

    /// <summary>Set when an advisor removes the member; history keeps pointing at the row.</summary>
    public Instant? RemovedAt { get; set; }

    /// <summary>Set when the user deleted their account: the row is pseudonymised (see <c>Privacy.AccountErasure</c>).</summary>
    public Instant? ErasedAt { get; set; }

    /// <summary>Generated column over full name and username, GIN-indexed.</summary>
    public NpgsqlTsVector? SearchVector { get; private set; }
}
