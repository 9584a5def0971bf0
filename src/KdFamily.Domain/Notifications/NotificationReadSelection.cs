using KdFamily.Domain.Errors;

namespace KdFamily.Domain.Notifications;

/// <summary>Which of a user's unread notifications to mark read: the listed ones, or all of them.</summary>
public sealed record NotificationReadSelection(bool All, IReadOnlyList<Guid> Ids)
{
    /// <summary>At most this many IDs at a time; more is what <see cref="All"/> is for.</summary>
    public const int MaxIds = 100;

    /// <summary>
    /// Exactly one of <paramref name="ids"/> and <paramref name="all"/>. A null ID (malformed or not a notification's)
    /// is skipped like any ID that is not one of the user's unread notifications.
    /// </summary>
    public static Result<NotificationReadSelection> Of(IReadOnlyCollection<Guid?>? ids, bool all)
    {
        if (all == (ids is not null))
        {
            return new ValidationError("ids", "Give either `ids` or `all: true`.");
        }

        if (ids is { Count: > MaxIds })
        {
            return new ValidationError("ids", $"At most {MaxIds} IDs at a time; use `all: true` for more.");
        }

        return new NotificationReadSelection(all, ids?.OfType<Guid>().ToList() ?? []);
    }
}
