using GraphQLServer.DataLoader;

namespace GraphQLServer.Subscriptions;

/// <summary>
/// One event's shared loaders (see <see cref="SharedEventLoads"/>), in a DI scope of their own that outlives any one
/// subscriber's: it is created on first use and disposed once the event is retired and its last user has left.
/// </summary>
public sealed class SharedEventScope
{
    private readonly Lock _gate = new();
    private readonly IServiceScopeFactory _scopes;
    private IServiceScope? _scope;
    private DataLoaderContext? _loaders;
    private int _users;
    private bool _retired;

    internal SharedEventScope(IServiceScopeFactory scopes) => _scopes = scopes;

    /// <summary>Starts using the event's loaders; null once the event is retired (load on your own then).</summary>
    public SharedEventLease? TryEnter()
    {
        lock (_gate)
        {
            if (_retired)
            {
                return null;
            }

            if (_loaders is null)
            {
                _scope = _scopes.CreateScope();
                _loaders = _scope.ServiceProvider.GetRequiredService<DataLoaderContext>();
                _loaders.ShareBetweenCallers();
            }

            _users++;
            return new SharedEventLease(this, _loaders);
        }
    }

    internal void Exit()
    {
        IServiceScope? done;
        lock (_gate)
        {
            _users--;
            done = TakeScopeIfDone();
        }

        done?.Dispose();
    }

    internal void Retire()
    {
        IServiceScope? done;
        lock (_gate)
        {
            _retired = true;
            done = TakeScopeIfDone();
        }

        done?.Dispose();
    }

    // Called under the lock.
    private IServiceScope? TakeScopeIfDone()
    {
        if (!_retired || _users > 0)
        {
            return null;
        }

        var scope = _scope;
        _scope = null;
        _loaders = null;
        return scope;
    }
}
