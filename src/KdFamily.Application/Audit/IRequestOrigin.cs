namespace KdFamily.Application.Audit;

/// <summary>Where the current change comes from, as far as the audit log keeps it; both null for jobs.</summary>
public interface IRequestOrigin
{
    string? IpAddress { get; }

    /// <summary>The client's user agent, already bounded by the host (at most a few hundred characters), or null.</summary>
    string? UserAgent { get; }
}

/// <summary>The origin of work nobody asked for over the network: scheduled jobs, startup tasks.</summary>
public sealed class NoRequestOrigin : IRequestOrigin
{
    public static readonly NoRequestOrigin Instance = new();

    public string? IpAddress => null;

    public string? UserAgent => null;
}
