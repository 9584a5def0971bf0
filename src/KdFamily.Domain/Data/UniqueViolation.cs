using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace KdFamily.Domain.Data;

/// <summary>
/// The one reading of PostgreSQL's unique violations (SQLSTATE 23505). Races that the database decides (two claims,
/// a duplicate name, an idempotency key used twice) surface as one of these and become typed errors.
/// </summary>
public static class UniqueViolation
{
    /// <summary>Whether <paramref name="exception"/> (or the save failure wrapping it) is a unique violation.</summary>
    public static bool Is(Exception? exception) => ConstraintOf(exception) is not null;

    /// <summary>The violated constraint's name, or null when <paramref name="exception"/> is not a unique violation.</summary>
    public static string? ConstraintOf(Exception? exception) =>
        (exception is DbUpdateException ? exception.InnerException : exception) is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique
            ? unique.ConstraintName ?? string.Empty
            : null;
}
