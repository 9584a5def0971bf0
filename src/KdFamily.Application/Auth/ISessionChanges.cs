namespace KdFamily.Application.Auth;

/// <summary>
/// Tells every instance that a user's authority changed (sessions revoked, password changed), so cached sessions are
/// dropped and open connections re-check theirs. Call only after the change has committed.
/// </summary>
public interface ISessionChanges
{
    Task AnnounceAsync(Guid userId);
}
