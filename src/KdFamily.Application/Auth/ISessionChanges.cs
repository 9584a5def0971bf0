namespace KdFamily.Application.Auth;

/// <summary>
/// Where committed changes of a user's authority (their role, membership or sessions) are announced, so every instance
/// forgets what it cached and open connections re-check the caller. Call after the commit (work.AfterCommit).
/// </summary>
public interface ISessionChanges
{
    Task AnnounceAsync(Guid userId);
}
