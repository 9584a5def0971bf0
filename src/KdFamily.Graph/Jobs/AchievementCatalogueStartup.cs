using System.Data.Common;
using KdFamily.Domain.Achievements;
using KdFamily.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Graph.Jobs;

/// <summary>
/// Inserts missing achievement catalogue entries when the host starts (the `migrate` command does the same).
/// A database that is not reachable yet is logged, not fatal: /health reports it and the next start seeds.
/// </summary>
public sealed partial class AchievementCatalogueStartup(IDbContextFactory<KdFamilyDbContext> dbFactory, ILogger<AchievementCatalogueStartup> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var inserted = await AchievementCatalogue.SeedAsync(db, cancellationToken);
            if (inserted > 0)
            {
                LogSeeded(logger, inserted);
            }
        }
        catch (Exception ex) when (ex is DbException or DbUpdateException or InvalidOperationException or ArgumentException)
        {
            LogFailed(logger, ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Achievement catalogue: {Count} entries inserted.")]
    private static partial void LogSeeded(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Achievement catalogue: could not seed at start.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
