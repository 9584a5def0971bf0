using System.Diagnostics.CodeAnalysis;
using GraphQL.DataLoader;

namespace GraphQLServer.DataLoader;

/// <summary>
/// The batching and caching core shared by <see cref="BatchDataLoader{TKey,TValue}"/> and
/// <see cref="GroupedDataLoader{TKey,TValue}"/>. One instance lives for one request
/// (see <see cref="DataLoaderContext"/>): keys requested while the execution engine works on a level are
/// queued, de-duplicated and fetched in ONE call when the first of their results is awaited (together with the
/// waiting batches of the request's other loaders, see <see cref="DataLoaderContext"/>); every result is cached for
/// the rest of the request. Thread-safe: parallel resolvers may call it concurrently.
/// </summary>
public abstract class DataLoaderBase<TKey, TResult> : IContextDataLoader
    where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, CacheEntry> _cache;
    private Batch? _pending;
    private DataLoaderContext? _context;
    private volatile bool _sharedByCallers;

    protected DataLoaderBase(IEqualityComparer<TKey>? keyComparer = null)
    {
        KeyComparer = keyComparer ?? EqualityComparer<TKey>.Default;
        _cache = new Dictionary<TKey, CacheEntry>(KeyComparer);
    }

    protected IEqualityComparer<TKey> KeyComparer { get; }

    /// <summary>Queues <paramref name="key"/> (or answers from the cache); the batch runs when a result is first awaited.</summary>
    public IDataLoaderResult<TResult> LoadAsync(TKey key)
    {
        lock (_gate)
        {
            if (!_cache.TryGetValue(key, out var entry))
            {
                if (_pending is null)
                {
                    _pending = new Batch(this);
                    _context?.Waiting(_pending);
                }

                entry = CacheEntry.Queued(_pending, _pending.Add(key));
                _cache[key] = entry;
            }

            return entry;
        }
    }

    /// <summary>
    /// Seeds the cache, e.g. with rows another loader fetched anyway. A key already cached is kept; a key queued
    /// but not yet dispatched is answered with <paramref name="value"/> and left out of the next fetch.
    /// </summary>
    public void Prime(TKey key, TResult value)
    {
        lock (_gate)
        {
            if (_cache.TryGetValue(key, out var entry))
            {
                if (entry.Batch is not { } batch || batch != _pending || !batch.TryResolve(key, value))
                {
                    return;
                }
            }

            _cache[key] = CacheEntry.Primed(value);
        }
    }

    void IContextDataLoader.JoinContext(DataLoaderContext context, bool sharedByCallers)
    {
        _context = context;
        _sharedByCallers = sharedByCallers;
    }

    /// <summary>Fetches the values of a batch of distinct keys; keys absent from the answer get <see cref="ValueForMissingKey"/>.</summary>
    protected abstract Task<IReadOnlyDictionary<TKey, TResult>> FetchAsync(IReadOnlyList<TKey> keys, CancellationToken cancellationToken);

    /// <summary>The result of a key the fetch did not return (null for single values, empty for groups).</summary>
    protected abstract TResult ValueForMissingKey { get; }

    /// <summary>
    /// A key's result, handed to every caller that loads the key: queued in a batch, or known (primed, e.g. the rows of
    /// a list another loader read). A primed value gets its task only when someone asks for it: most primed rows are
    /// never loaded by key. The engine's untyped view of a completed result is kept too: a row many parents load
    /// (a task's assignee) costs one task for all of them.
    /// </summary>
    private sealed class CacheEntry : IDataLoaderResult<TResult>
    {
        private Task<TResult>? _task;
        private Task<object?>? _untypedTask;
        private TResult _value = default!;

        public Batch? Batch { get; private init; }

        public Task<TResult> Task => _task ??= System.Threading.Tasks.Task.FromResult(_value);

        public static CacheEntry Queued(Batch batch, Task<TResult> task) => new() { Batch = batch, _task = task };

        public static CacheEntry Primed(TResult value) => new() { _value = value };

        public Task<TResult> GetResultAsync(CancellationToken cancellationToken = default)
        {
            if (Batch is { IsDispatched: false } batch)
            {
                batch.Loader._context?.DispatchWaiting(cancellationToken);
                batch.Dispatch(cancellationToken);
            }

            return Task;
        }

        Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken)
        {
            var task = GetResultAsync(cancellationToken);
            return task.IsCompletedSuccessfully
                ? _untypedTask ??= System.Threading.Tasks.Task.FromResult<object?>(task.Result)
                : UntypedAsync(task);
        }

        private static async Task<object?> UntypedAsync(Task<TResult> task) => await task;
    }

    private sealed class Batch(DataLoaderBase<TKey, TResult> loader) : IWaitingBatch
    {
        private readonly Dictionary<TKey, TaskCompletionSource<TResult>> _keys = new(loader.KeyComparer);
        private volatile bool _dispatched;

        public DataLoaderBase<TKey, TResult> Loader => loader;

        public bool IsDispatched => _dispatched;

        // Called under the loader's lock.
        public Task<TResult> Add(TKey key)
        {
            var completion = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
            _keys.Add(key, completion);
            return completion.Task;
        }

        // Called under the loader's lock, only while this batch is the loader's pending one.
        public bool TryResolve(TKey key, TResult value)
        {
            if (!_keys.Remove(key, out var completion))
            {
                return false;
            }

            completion.TrySetResult(value);
            return true;
        }

        public void Dispatch(CancellationToken cancellationToken)
        {
            KeyValuePair<TKey, TaskCompletionSource<TResult>>[] entries;
            lock (loader._gate)
            {
                if (_dispatched)
                {
                    return;
                }

                _dispatched = true;
                if (loader._pending == this)
                {
                    loader._pending = null;
                }

                entries = [.. _keys];
            }

            if (entries.Length > 0)
            {
                // The completion sources observe the outcome; nothing awaits this task itself. A loader shared by
                // independent callers must not fail them all because the one who happened to dispatch went away.
                _ = RunAsync(entries, loader._sharedByCallers ? CancellationToken.None : cancellationToken);
            }
        }

        [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "Any fetch failure is handed to every waiting result, where the engine reports it as a field error.")]
        private async Task RunAsync(KeyValuePair<TKey, TaskCompletionSource<TResult>>[] entries, CancellationToken cancellationToken)
        {
            try
            {
                var keys = Array.ConvertAll(entries, e => e.Key);
                var values = await loader.FetchAsync(keys, cancellationToken);
                foreach (var (key, completion) in entries)
                {
                    completion.TrySetResult(values.TryGetValue(key, out var value) ? value : loader.ValueForMissingKey);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                foreach (var (_, completion) in entries)
                {
                    completion.TrySetCanceled(cancellationToken);
                }
            }
            catch (Exception exception)
            {
                foreach (var (_, completion) in entries)
                {
                    completion.TrySetException(exception);
                }
            }
        }
    }
}

/// <summary>What <see cref="DataLoaderContext"/> tells the loaders it creates.</summary>
internal interface IContextDataLoader
{
    /// <summary>
    /// The context to report new batches to, and whether it is shared (see <see cref="DataLoaderContext.ShareBetweenCallers"/>):
    /// then fetches run to completion whatever the cancellation of the caller that dispatched them.
    /// </summary>
    void JoinContext(DataLoaderContext context, bool sharedByCallers);
}

/// <summary>A batch of keys waiting for its fetch.</summary>
internal interface IWaitingBatch
{
    /// <summary>Starts the fetch, once; later calls do nothing.</summary>
    void Dispatch(CancellationToken cancellationToken);
}
