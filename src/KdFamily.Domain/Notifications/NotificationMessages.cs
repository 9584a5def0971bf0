using KdFamily.Domain.Users;
using NodaTime;

namespace KdFamily.Domain.Notifications;

/// <summary>The notifications the domain sends, with their wording.</summary>
public static class NotificationMessages
{
    /// <summary>Who hears that someone joined: the family's current parents and advisors (not the newcomer).</summary>
    public static bool HearsAboutNewMembers(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Role >= UserRole.Parent && user.RemovedAt is null;
    }

    public static Notification MemberJoined(User recipient, User newcomer, Instant now)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(newcomer);
        return new Notification
        {
            UserId = recipient.Id,
            FamilyId = recipient.FamilyId,
            Kind = NotificationKind.MemberJoined,
            Title = "New family member",
            Body = $"{newcomer.FullName} joined the family with an invite code.",
            CreatedAt = now,
        };
    }
}
