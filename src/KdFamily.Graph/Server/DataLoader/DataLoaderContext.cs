using System.Collections.Concurrent;

namespace KdFamily.Graph.Server.DataLoader;

/// <summary>
/// The DataLoaders of one request (a scoped service): each loader type is created once per request, on first
/// use, so its batches and cache are shared by every resolver of that request and by nothing else.
/// </summary>
public sealed class DataLoaderContext(IServiceProvider services)
{
    private readonly ConcurrentDictionary<Type, object> _loaders = new();

    /// <summary>The request's instance of <typeparamref name="TLoader"/>, built with constructor injection.</summary>
    public TLoader GetLoader<TLoader>()
        where TLoader : class =>
        (TLoader)_loaders.GetOrAdd(typeof(TLoader), static (type, sp) => ActivatorUtilities.CreateInstance(sp, type), services);
}
