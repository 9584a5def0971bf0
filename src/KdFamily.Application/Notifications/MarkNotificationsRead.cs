using KdFamily.Application.Pipeline;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Application.Notifications;

/// <summary>The notifications to mark read (null IDs were malformed), or <paramref name="All"/> of them.</summary>
public sealed record MarkNotificationsRead(Guid CallerId, IReadOnlyCollection<Guid?>? Ids, bool All) : IMemberCommand;

/// <summary>A member marks their own unread notifications read and learns how many were unread; a second time counts none.</summary>
public sealed class MarkNotificationsReadHandler(UseCasePipeline pipeline) : IUseCase<MarkNotificationsRead, int?>
{
    public Task<Result<int?>> HandleAsync(MarkNotificationsRead command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var selection = NotificationReadSelection.Of(command.Ids, command.All);
        if (selection.Value is not { } chosen)
        {
            return Task.FromResult<Result<int?>>(selection.Error!);
        }

        return pipeline.RunAsync<int?>(command, async (work, token) =>
        {
            var callerId = work.Caller.Id;
            var now = work.Now;
            return await work.Db.Notifications
                .Where(n => n.UserId == callerId && n.ReadAt == null && (chosen.All || chosen.Ids.Contains(n.Id)))
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), token);
        }, cancellationToken);
    }
}
