using System.Collections.Concurrent;
using KdFamily.Domain.Data;
using KdFamily.Domain.Families;
using KdFamily.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace KdFamily.Domain.Tests.Data;

/// <summary>
/// A unique violation (a race a caller turns into a typed error) is not logged at Error; any other database error
/// still is, under EF Core's categories.
/// </summary>
public sealed class ExpectedConflictLoggingTests
{
    [Fact]
    public async Task SaveChanges_UniqueViolation_LogsNothingAtError()
    {
        var (services, logs) = await CreateServicesAsync();
        await using (services)
        {
            await AddFamilyAsync(services, "DUPL0001");

            var ex = await Assert.ThrowsAsync<DbUpdateException>(() => AddFamilyAsync(services, "DUPL0001"));

            Assert.True(ExpectedConflictLogging.IsExpected(ex));
            Assert.DoesNotContain(logs, l => l.Level >= LogLevel.Error);
            Assert.Contains(logs, l => l.Category == DbLoggerCategory.Database.Command.Name && l.Level == LogLevel.Debug && l.Message.Contains("Failed executing DbCommand", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task ExecuteSql_GenuineDatabaseError_LogsAtError()
    {
        var (services, logs) = await CreateServicesAsync();
        await using (services)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();

            var ex = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("SELECT 1 / 0"));

            Assert.Equal(PostgresErrorCodes.DivisionByZero, ex.SqlState);
            var error = Assert.Single(logs, l => l.Level == LogLevel.Error);
            Assert.Equal(DbLoggerCategory.Database.Command.Name, error.Category);
            Assert.Contains("SELECT 1 / 0", error.Message, StringComparison.Ordinal);
            Assert.Same(ex, error.Exception);
        }
    }

    [Fact]
    public async Task SaveChanges_NotNullViolation_LogsCommandAndSaveAtError()
    {
        var (services, logs) = await CreateServicesAsync();
        await using (services)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
            db.Families.Add(new Family { Name = null!, TimeZone = "Europe/Berlin", InviteCode = "NULL0001" });

            var ex = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

            Assert.False(ExpectedConflictLogging.IsExpected(ex));
            var errors = logs.Where(l => l.Level == LogLevel.Error).Select(l => l.Category).Order().ToList();
            Assert.Equal([DbLoggerCategory.Database.Command.Name, DbLoggerCategory.Update.Name], errors);
        }
    }

    private static async Task AddFamilyAsync(IServiceProvider services, string inviteCode)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
        db.Families.Add(new Family { Name = "Race", TimeZone = "Europe/Berlin", InviteCode = inviteCode });
        await db.SaveChangesAsync();
    }

    private static async Task<(ServiceProvider Services, ConcurrentQueue<LogEntry> Logs)> CreateServicesAsync()
    {
        var logs = new ConcurrentQueue<LogEntry>();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(new CapturingProvider(logs)))
            .AddKdFamilyData(await TestServers.Postgres.CreateDatabaseAsync())
            .BuildServiceProvider();
        return (services, logs);
    }

    private sealed record LogEntry(string Category, LogLevel Level, string Message, Exception? Exception);

    private sealed class CapturingProvider(ConcurrentQueue<LogEntry> logs) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, logs);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<LogEntry> logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.Enqueue(new LogEntry(category, logLevel, formatter(state, exception), exception));
    }
}
