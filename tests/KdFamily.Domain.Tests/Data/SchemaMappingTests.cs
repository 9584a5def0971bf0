using KdFamily.Domain.Families;
using KdFamily.Domain.Points;
using KdFamily.Domain.Users;
using KdFamily.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace KdFamily.Domain.Tests.Data;

public sealed class SchemaMappingTests
{

    [Fact]
    public async Task Migrations_WhenApplied_MatchTheModel()
    {
        await using var db = (await TestDatabase.CreateAsync()).CreateDbContext();
        Assert.False(db.Database.HasPendingModelChanges());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task PointsLedger_SameIdempotencyKeyTwice_IsRejectedByTheDatabase()
    {
        await using var db = (await TestDatabase.CreateAsync()).CreateDbContext();
        var family = new Family { Name = "Ledger", TimeZone = "Europe/Berlin", InviteCode = "LEDGER01" };
        var user = new User { FamilyId = family.Id, Username = "kid", Email = "kid@example.test", FullName = "Kid", PasswordHash = "x" };
        db.AddRange(family, user);
        db.PointsHistory.Add(NewRow(family, user, "task:1:approval"));
        await db.SaveChangesAsync();

        db.PointsHistory.Add(NewRow(family, user, "task:1:approval"));
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.Equal(PostgresErrorCodes.UniqueViolation, Assert.IsType<PostgresException>(error.InnerException).SqlState);
    }

    [Fact]
    public async Task UserSearchVector_IsGeneratedFromNameAndUsername()
    {
        await using var db = (await TestDatabase.CreateAsync()).CreateDbContext();
        var family = new Family { Name = "Search", TimeZone = "UTC", InviteCode = "SEARCH01" };
        db.AddRange(family, new User { FamilyId = family.Id, Username = "lena", Email = "lena@example.test", FullName = "Lena Berg", PasswordHash = "x" });
        await db.SaveChangesAsync();

        var found = await db.Users.Where(u => u.SearchVector!.Matches(EF.Functions.PlainToTsQuery("simple", "berg"))).ToListAsync();
        Assert.Equal("lena", Assert.Single(found).Username);
    }

    private static PointsTransaction NewRow(Family family, User user, string key) => new()
    {
        FamilyId = family.Id,
        UserId = user.Id,
        Delta = 10,
        BalanceAfter = 10,
        Reason = "test",
        BonusType = "task",
        IdempotencyKey = key,
    };
}
