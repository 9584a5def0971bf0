using GraphQLServer.PubSub;
using KdFamily.Graph.LiveUpdates;

namespace KdFamily.Graph.Maintenance;

/// <summary>Announces maintenance to every <c>systemMaintenance</c> subscriber, on every instance.</summary>
public interface ISystemMaintenance
{
    Task AnnounceAsync(MaintenanceNotice notice, CancellationToken cancellationToken = default);
}

public sealed class SystemMaintenance(ITopicEventSender sender) : ISystemMaintenance
{
    public Task AnnounceAsync(MaintenanceNotice notice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return sender.SendAsync(Topics.SystemMaintenance, notice, cancellationToken);
    }
}
