using KdFamily.Graph.Tests.Infrastructure;

namespace KdFamily.Graph.Tests.Limits;

/// <summary>The real host on Kestrel with some limits lowered (on top of the test defaults, which lift them all).</summary>
public abstract class LimitedApiFactory : KdFamilyApiFactory
{
    private readonly Lazy<Uri> _address;

    protected LimitedApiFactory() => _address = new Lazy<Uri>(StartKestrel);

    public Uri Address => _address.Value;

    public Uri WebSocketEndpoint => new(Address.ToString().Replace("http://", "ws://", StringComparison.Ordinal) + "graphql");

    protected abstract IReadOnlyDictionary<string, string?> Limits { get; }

    protected sealed override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() => Limits;

    /// <summary>A second instance over this one's database and limit budgets, with the same settings.</summary>
    public TSelf Twin<TSelf>()
        where TSelf : LimitedApiFactory, new()
    {
        var twin = new TSelf();
        twin.UseDatabaseOf(this);
        return twin;
    }
}
