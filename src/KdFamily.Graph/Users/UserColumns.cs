using System.Linq.Expressions;
using KdFamily.Domain.Users;
using KdFamily.Graph.Reads;
using NodaTime;
using Npgsql;

namespace KdFamily.Graph.Users;

/// <summary>
/// The columns the graph reads of a user: every field of the `User` type, never the password hash (a read model
/// has no use for it; <see cref="User.PasswordHash"/> is left empty), the search vector or a child account's PIN lockout. <see cref="Readable"/> is
/// the projection for EF Core queries; <see cref="Sql"/> and <see cref="Read"/> are the same columns for the
/// DataLoaders that read through Npgsql directly.
/// </summary>
public static class UserColumns
{
    public static readonly Expression<Func<User, User>> Readable = u => new User(u.Id)
    {
        FamilyId = u.FamilyId,
        Username = u.Username,
        Email = u.Email,
        FullName = u.FullName,
        PasswordHash = string.Empty,
        Role = u.Role,
        AvatarUrl = u.AvatarUrl,
        CreatedAt = u.CreatedAt,
        UpdatedAt = u.UpdatedAt,
        RemovedAt = u.RemovedAt,
        IsChildAccount = u.IsChildAccount,
    };

    /// <summary>The select list of <see cref="Read"/>, for a query that names the users table <c>u</c>.</summary>
    public const string Sql = "u.id, u.family_id, u.username, u.email, u.full_name, u.role, u.avatar_url, u.created_at, u.updated_at, u.removed_at, u.is_child_account";

    public static User Read(NpgsqlDataReader row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new User(row.GetGuid(0))
        {
            FamilyId = row.GetGuid(1),
            Username = row.GetString(2),
            Email = Rows.NullableString(row, 3),
            FullName = row.GetString(4),
            PasswordHash = string.Empty,
            Role = Enum.Parse<UserRole>(row.GetString(5)),
            AvatarUrl = Rows.NullableString(row, 6),
            CreatedAt = row.GetFieldValue<Instant>(7),
            UpdatedAt = row.GetFieldValue<Instant>(8),
            RemovedAt = Rows.NullableInstant(row, 9),
            IsChildAccount = row.GetBoolean(10),
        };
    }
}
