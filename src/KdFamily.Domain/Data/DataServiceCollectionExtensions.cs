using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
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
    public static IServiceCollection AddKdFamilyData(this IServiceCollection services, string connectionString) =>
        services.AddKdFamilyData(_ => connectionString);

    /// <summary>
    /// As <see cref="AddKdFamilyData(IServiceCollection, string)"/>, reading the connection string when the pool is first
    /// needed (so a host can take it from validated options).
    /// </summary>
    public static IServiceCollection AddKdFamilyData(this IServiceCollection services, Func<IServiceProvider, string> connectionString)
    {
        services.AddSingleton<IClock>(SystemClock.Instance);
        services.AddScoped<Points.PointsLedger>();
        services.AddSingleton<ExpectedConflictLogging>();
        services.AddSingleton(sp => BuildDataSource(connectionString(sp)));
        services.AddPooledDbContextFactory<KdFamilyDbContext>((sp, options) =>
            Configure(options, sp.GetRequiredService<NpgsqlDataSource>())
                .ConfigureWarnings(warnings => warnings.Log(
                    (RelationalEventId.CommandError, LogLevel.Debug),
                    (CoreEventId.SaveChangesFailed, LogLevel.Debug)))
                .AddInterceptors(sp.GetRequiredService<ExpectedConflictLogging>()));
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<KdFamilyDbContext>>().CreateDbContext());
        return services;
    }

    /// <summary>
    /// The process's one connection pool, shared by EF Core and the queries that read through Npgsql directly
    /// (DataLoaders on hot paths).
    /// </summary>
    /// <remarks>
    /// Dynamic JSON lets Npgsql write the jsonb POCO columns (achievement criteria, settlement standings) with
    /// System.Text.Json; without it saving those entities fails at runtime.
    /// </remarks>
    public static NpgsqlDataSource BuildDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(WithStatementReuse(connectionString));
        builder.UseNodaTime();
        builder.EnableDynamicJson();
        return builder.Build();
    }

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, NpgsqlDataSource dataSource) =>
        options.UseNpgsql(dataSource, npgsql => npgsql.UseNodaTime()).UseSnakeCaseNamingConvention();

    /// <remarks>
    /// Dynamic JSON lets Npgsql write the jsonb POCO columns (achievement criteria, settlement standings) with
    /// System.Text.Json; without it saving those entities fails at runtime.
    /// </remarks>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(WithStatementReuse(connectionString), npgsql => npgsql.UseNodaTime().ConfigureDataSource(dataSource => dataSource.EnableDynamicJson()))
            .UseSnakeCaseNamingConvention();

    /// <summary>
    /// A request runs the same few statements again and again, so each pooled connection prepares them on their second
    /// use (<c>Max Auto Prepare</c>, unless the connection string sets it) and keeps them: a connection handed back to
    /// the pool is not reset with <c>DISCARD ALL</c>, which would drop them and cost a statement of its own per
    /// DataLoader. That is safe because nothing here leaves session state on a connection: transactions end before
    /// the connection is returned (Npgsql rolls back one left open), no session setting is ever changed, and the
    /// one session-level advisory lock (the jobs' tick) is released before its connection closes.
    /// <para>
    /// A prepared statement is also planned once (<c>plan_cache_mode=force_generic_plan</c>, unless the connection
    /// string's <c>Options</c> set it): left to itself PostgreSQL re-plans every execution of a statement whose
    /// parameters are arrays (<c>= ANY(@ids)</c>, the shape of every DataLoader's batch), because its estimate for an
    /// array of unknown length makes the generic plan look dearer than a plan for the one id at hand. Every statement
    /// here selects by family, user or id through an index, where the generic plan is the custom one.
    /// </para>
    /// </summary>
    public static string WithStatementReuse(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true };
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }

        if (builder.Options?.Contains("plan_cache_mode", StringComparison.Ordinal) != true)
        {
            builder.Options = $"{builder.Options} -c plan_cache_mode=force_generic_plan".Trim();
        }

        return builder.ConnectionString;
    }
}
