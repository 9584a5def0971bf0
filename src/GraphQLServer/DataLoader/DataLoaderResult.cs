using GraphQL.DataLoader;

namespace GraphQLServer.DataLoader;

/// <summary>Building blocks for resolvers that return <see cref="IDataLoaderResult{T}"/>.</summary>
public static class DataLoaderResult
{
    /// <summary>A result that is already known.</summary>
    public static IDataLoaderResult<T> FromValue<T>(T value) => new Completed<T>(value);

    /// <summary>Transforms a loaded value (e.g. picks one member's entry out of a family-wide result).</summary>
    public static IDataLoaderResult<TOut> Then<TIn, TOut>(this IDataLoaderResult<TIn> source, Func<TIn, TOut> transform) =>
        new Mapped<TIn, TOut>(source, transform);

    /// <summary>
    /// Loads through a second loader with the first one's value. The engine sees the second result as a new
    /// pending node, so the second loader still batches the keys of every parent.
    /// </summary>
    public static IDataLoaderResult<TOut> ThenLoad<TIn, TOut>(this IDataLoaderResult<TIn> source, Func<TIn, IDataLoaderResult<TOut>> next) =>
        new Chained<TIn, TOut>(source, next);

    /// <summary>Waits for two results (both already queued, so they are fetched side by side) and combines them.</summary>
    public static IDataLoaderResult<TOut> Combine<T1, T2, TOut>(IDataLoaderResult<T1> first, IDataLoaderResult<T2> second, Func<T1, T2, TOut> combine) =>
        new Combined<T1, T2, TOut>(first, second, combine);

    /// <summary>Waits for many results (already queued, so each loader fetches them in one batch), keeping their order.</summary>
    public static IDataLoaderResult<IReadOnlyList<T>> WhenAll<T>(IEnumerable<IDataLoaderResult<T>> results) =>
        new All<T>([.. results]);

    private sealed class All<T>(IReadOnlyList<IDataLoaderResult<T>> results) : IDataLoaderResult<IReadOnlyList<T>>
    {
        public async Task<IReadOnlyList<T>> GetResultAsync(CancellationToken cancellationToken = default)
        {
            var tasks = results.Select(r => r.GetResultAsync(cancellationToken)).ToList();
            return await Task.WhenAll(tasks);
        }

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken);
    }

    private sealed class Completed<T>(T value) : IDataLoaderResult<T>
    {
        public Task<T> GetResultAsync(CancellationToken cancellationToken = default) => Task.FromResult(value);

        Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => Task.FromResult<object?>(value);
    }

    private sealed class Mapped<TIn, TOut>(IDataLoaderResult<TIn> source, Func<TIn, TOut> transform) : IDataLoaderResult<TOut>
    {
        public async Task<TOut> GetResultAsync(CancellationToken cancellationToken = default) =>
            transform(await source.GetResultAsync(cancellationToken));

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken);
    }

    private sealed class Chained<TIn, TOut>(IDataLoaderResult<TIn> source, Func<TIn, IDataLoaderResult<TOut>> next) : IDataLoaderResult<TOut>
    {
        public async Task<TOut> GetResultAsync(CancellationToken cancellationToken = default)
        {
            var second = next(await source.GetResultAsync(cancellationToken));
            return await second.GetResultAsync(cancellationToken);
        }

        // The engine re-queues a node whose result is again an IDataLoaderResult: every parent's second key is
        // queued before the second loader dispatches.
        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            next(await source.GetResultAsync(cancellationToken));
    }

    private sealed class Combined<T1, T2, TOut>(IDataLoaderResult<T1> first, IDataLoaderResult<T2> second, Func<T1, T2, TOut> combine)
        : IDataLoaderResult<TOut>
    {
        public async Task<TOut> GetResultAsync(CancellationToken cancellationToken = default)
        {
            var firstTask = first.GetResultAsync(cancellationToken);
            var secondTask = second.GetResultAsync(cancellationToken);
            return combine(await firstTask, await secondTask);
        }

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken);
    }
}
