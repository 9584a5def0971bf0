using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace KdFamily.Domain.Data;

/// <summary>
/// Keeps expected unique-constraint races out of the error log. Several operations let PostgreSQL decide a race
/// (two claims, a duplicate username, an idempotency key already used) and turn the unique violation into a typed
/// error, yet EF Core logs every failed command ("Failed executing DbCommand") and failed save at Error. EF's own
/// events for both are lowered to Debug (see <see cref="DataServiceCollectionExtensions.AddKdFamilyData(Microsoft.Extensions.DependencyInjection.IServiceCollection, string)"/>) and this
/// interceptor logs every other failure at Error, under EF's categories, so a genuine database error still does.
/// </summary>
public sealed partial class ExpectedConflictLogging(ILoggerFactory loggerFactory) : DbCommandInterceptor, ISaveChangesInterceptor
{
    private readonly ILogger _commandLogger = loggerFactory.CreateLogger(DbLoggerCategory.Database.Command.Name);
    private readonly ILogger _updateLogger = loggerFactory.CreateLogger(DbLoggerCategory.Update.Name);

    /// <summary>Whether <paramref name="exception"/> is a unique violation, which callers handle as a typed error.</summary>
    public static bool IsExpected(Exception? exception) =>
        (exception is DbUpdateException ? exception.InnerException : exception) is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(eventData);
        if (!IsExpected(eventData.Exception))
        {
            LogCommandFailed(_commandLogger, eventData.Duration.TotalMilliseconds, command.CommandText, eventData.Exception);
        }
    }

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        CommandFailed(command, eventData);
        return Task.CompletedTask;
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (!IsExpected(eventData.Exception))
        {
            LogSaveChangesFailed(_updateLogger, eventData.Context?.GetType().Name, eventData.Exception);
        }
    }

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 20102, Level = LogLevel.Error, Message = "Failed executing DbCommand ({Elapsed} ms) {CommandText}")]
    private static partial void LogCommandFailed(ILogger logger, double elapsed, string commandText, Exception exception);

    [LoggerMessage(EventId = 10000, Level = LogLevel.Error, Message = "An exception occurred in the database while saving changes for context type '{ContextType}'.")]
    private static partial void LogSaveChangesFailed(ILogger logger, string? contextType, Exception exception);
}
