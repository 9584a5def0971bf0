using KdFamily.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Testing;

/// <summary>
/// A fresh, migrated database of the run's PostgreSQL server, and contexts on it (as a factory, so tests can run services
/// on separate contexts at once). Test hosts take its <see cref="ConnectionString"/>.
/// </summary>
public sealed class TestDatabase : IDbContextFactory<KdFamilyDbContext>
{
    private readonly DbContextOptions<KdFamilyDbContext> _options;

    private TestDatabase(string connectionString)
    {
        ConnectionString = connectionString;
        var builder = new DbContextOptionsBuilder<KdFamilyDbContext>();
        DataServiceCollectionExtensions.Configure(builder, connectionString);
        _options = builder.Options;
    }

    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync() => new(await TestServers.Postgres.CreateDatabaseAsync());

    public KdFamilyDbContext CreateDbContext() => new(_options);
}
