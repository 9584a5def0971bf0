using Prometheus;

namespace KdFamily.Graph.Server.PubSub;

/// <summary>Prometheus metrics of the topic bus.</summary>
public static class PubSubMetrics
{
    /// <summary>Messages that could not be published (broker down, timeout); the change they announce is committed regardless.</summary>
    public static readonly Counter PublishFailures = Metrics.CreateCounter(
        "kdfamily_pubsub_publish_failures_total",
        "Subscription events that could not be published to the topic bus (the data change itself was committed).");
}
