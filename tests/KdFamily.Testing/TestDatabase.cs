using KdFamily.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Testing;

public static class TestDatabase
{
    /// <summary>A DbContext on a fresh, migrated database of the run's PostgreSQL server.</summary>
    public static async Task<KdFamilyDbContext> NewContextAsync()
    {
        var options = new DbContextOptionsBuilder<KdFamilyDbContext>();
        DataServiceCollectionExtensions.Configure(options, await TestServers.Postgres.CreateDatabaseAsync());
        return new KdFamilyDbContext(options.Options);
    }
}
