using KdFamily.Domain.Achievements;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KdFamily.Domain.Data;

public static class DatabaseMigrator
{
    /// <summary>Applies the migrations, then inserts the achievement catalogue entries that are missing.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<KdFamilyDbContext>>().CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        await AchievementCatalogue.SeedAsync(db, cancellationToken);
    }
}
