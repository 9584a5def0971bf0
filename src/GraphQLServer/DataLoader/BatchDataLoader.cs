namespace GraphQLServer.DataLoader;

/// <summary>One value per key (e.g. a row by its id); a key the fetch does not return resolves to null.</summary>
public abstract class BatchDataLoader<TKey, TValue> : DataLoaderBase<TKey, TValue?>
    where TKey : notnull
{
    protected BatchDataLoader(IEqualityComparer<TKey>? keyComparer = null)
        : base(keyComparer)
    {
    }

    protected sealed override TValue? ValueForMissingKey => default;

    protected sealed override async Task<IReadOnlyDictionary<TKey, TValue?>> FetchAsync(IReadOnlyList<TKey> keys, CancellationToken cancellationToken)
    {
        var values = await LoadBatchAsync(keys, cancellationToken);
        return values.ToDictionary(pair => pair.Key, pair => (TValue?)pair.Value, KeyComparer);
    }

    /// <summary>Loads the values of distinct keys in one round trip.</summary>
    protected abstract Task<IReadOnlyDictionary<TKey, TValue>> LoadBatchAsync(IReadOnlyList<TKey> keys, CancellationToken cancellationToken);
}
