using KdFamily.Application.Pipeline;

namespace KdFamily.Application.Files;

/// <summary>Stored bytes whose rows a unit of work deletes go once it has committed (never on rollback), each on its own.</summary>
public static class StoredFiles
{
    public static void DeleteAfterCommit(UnitOfWork work, IFileStorage storage, IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            work.AfterCommit(() => storage.DeleteAsync(key, CancellationToken.None));
        }
    }
}
