namespace GraphQLServer.DataLoader;

/// <summary>A list of values per key (e.g. the members of a family); a key without rows resolves to an empty list.</summary>
public abstract class GroupedDataLoader<TKey, TValue> : DataLoaderBase<TKey, IReadOnlyList<TValue>>
    where TKey : notnull
{
    protected GroupedDataLoader(IEqualityComparer<TKey>? keyComparer = null)
        : base(keyComparer)
    {
    }

    protected sealed override IReadOnlyList<TValue> ValueForMissingKey => [];

    protected sealed override async Task<IReadOnlyDictionary<TKey, IReadOnlyList<TValue>>> FetchAsync(IReadOnlyList<TKey> keys, CancellationToken cancellationToken)
    {
        var groups = await LoadGroupedBatchAsync(keys, cancellationToken);
        return groups.ToDictionary(group => group.Key, group => (IReadOnlyList<TValue>)[.. group], KeyComparer);
    }

    /// <summary>Loads the rows of distinct keys in one round trip, grouped by key.</summary>
    protected abstract Task<ILookup<TKey, TValue>> LoadGroupedBatchAsync(IReadOnlyList<TKey> keys, CancellationToken cancellationToken);
}
