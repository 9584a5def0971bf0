using GraphQLServer.PubSub;
using KdFamily.Application.Auth;

namespace KdFamily.Graph.Auth;

/// <summary>A user's authority changed (a session ended, their password, role or membership changed).</summary>
public sealed record SessionChanged(Guid UserId, Guid Origin);

/// <summary>
/// Announces committed changes of a user's authority: this instance forgets what it cached at once, and the topic bus
/// carries the news to every other instance (Redis; in-memory with a single instance). Call after the commit.
/// </summary>
public sealed class SessionChanges(SessionAuthorityCache cache, ITopicEventSender sender) : ISessionChanges
{
    public const string Topic = "auth:session.changed";

    public async Task AnnounceAsync(Guid userId)
    {
        cache.Invalidate(userId);
        // The change is committed: a cancelled request must not cancel its announcement.
        await sender.SendAsync(Topic, new SessionChanged(userId, cache.InstanceId), CancellationToken.None);
    }
}
