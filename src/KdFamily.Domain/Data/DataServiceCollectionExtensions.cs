using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace KdFamily.Domain.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers the DbContext (scoped, for mutations) and a pooled factory (for DataLoaders, which
    /// run batches concurrently and so must not share one context). EF's failed-command and failed-save events are
    /// logged at Debug: unique violations are expected outcomes of races (handled as typed errors), and
    /// <see cref="ExpectedConflictLogging"/> logs every other failure at Error.
    /// </summary>
    public static IServiceCollection AddKdFamilyData(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton<IClock>(SystemClock.Instance);
        services.AddScoped<Points.PointsLedger>();
        services.AddSingleton<ExpectedConflictLogging>();
        services.AddPooledDbContextFactory<KdFamilyDbContext>((sp, options) =>
            Configure(options, connectionString)
                .ConfigureWarnings(warnings => warnings.Log(
                    (RelationalEventId.CommandError, LogLevel.Debug),
                    (CoreEventId.SaveChangesFailed, LogLevel.Debug)))
                .AddInterceptors(sp.GetRequiredService<ExpectedConflictLogging>()));
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<KdFamilyDbContext>>().CreateDbContext());
        return services;
    }

    /// <remarks>
    /// Dynamic JSON lets Npgsql write the jsonb POCO columns (achievement criteria, settlement standings) with
    /// System.Text.Json; without it saving those entities fails at runtime.
    /// </remarks>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString, npgsql => npgsql.UseNodaTime().ConfigureDataSource(dataSource => dataSource.EnableDynamicJson()))
            .UseSnakeCaseNamingConvention();
}
