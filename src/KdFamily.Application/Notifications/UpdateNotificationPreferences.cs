using KdFamily.Application.Pipeline;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Notifications;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace KdFamily.Application.Notifications;

/// <summary>The caller's new preferences, replacing the old ones as a whole; quiet hours as local times "HH:mm".</summary>
public sealed record UpdateNotificationPreferences(
    Guid CallerId, IReadOnlyCollection<NotificationKind> MutedKinds, string? QuietHoursStart, string? QuietHoursEnd) : IMemberCommand;

/// <summary>A member sets which task notifications they don't want and when reminders should wait; audited.</summary>
public sealed class UpdateNotificationPreferencesHandler(UseCasePipeline pipeline) : IUseCase<UpdateNotificationPreferences, NotificationPreferences>
{
    public Task<Result<NotificationPreferences>> HandleAsync(UpdateNotificationPreferences command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var (start, startError) = ParseTime("quietHoursStart", command.QuietHoursStart);
        var (end, endError) = ParseTime("quietHoursEnd", command.QuietHoursEnd);
        if ((startError ?? endError) is { } error)
        {
            return Task.FromResult<Result<NotificationPreferences>>(error);
        }

        return pipeline.RunAsync<NotificationPreferences>(command, async (work, token) =>
        {
            var callerId = work.Caller.Id;
            var preferences = await work.Db.NotificationPreferences.FirstOrDefaultAsync(p => p.UserId == callerId, token);
            if (preferences is null)
            {
                preferences = NotificationPreferences.Default(callerId);
                work.Db.NotificationPreferences.Add(preferences);
            }

            var result = preferences.Change(command.MutedKinds, start, end, work.Now);
            if (result.Error is not null)
            {
                return result;
            }

            work.Audit.Record(
                AuditActions.NotificationPreferencesUpdated, work.Caller.FamilyId, callerId, "User", callerId,
                new
                {
                    mutedKinds = preferences.MutedKinds.Select(k => k.ToString()),
                    quietHoursStart = Format(preferences.QuietHoursStart),
                    quietHoursEnd = Format(preferences.QuietHoursEnd),
                });
            return preferences;
        }, cancellationToken);
    }

    /// <summary>The format of quiet hours: a local time to the minute, "22:00".</summary>
    public static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    public static string? Format(LocalTime? time) => time is { } t ? TimePattern.Format(t) : null;

    private static (LocalTime? Value, DomainError? Error) ParseTime(string field, string? text) => text switch
    {
        null => (null, null),
        _ when TimePattern.Parse(text.Trim()) is { Success: true } parsed => (parsed.Value, null),
        _ => (null, new ValidationError(field, $"`{field}` must be a local time \"HH:mm\", e.g. \"21:30\".")),
    };
}
