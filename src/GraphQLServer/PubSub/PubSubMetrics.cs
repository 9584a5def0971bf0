using Prometheus;

namespace GraphQLServer.PubSub;

/// <summary>Prometheus metrics of the topic bus.</summary>
public static class PubSubMetrics
{
    /// <summary>Messages handed to the broker (Redis) or delivered in memory.</summary>
    public static readonly Counter Published = Metrics.CreateCounter(
        "kdfamily_pubsub_published_total",
        "Subscription events published to the topic bus.");

    /// <summary>Messages that could not be published (broker down, timeout); the change they announce is committed regardless.</summary>
    public static readonly Counter PublishFailures = Metrics.CreateCounter(
        "kdfamily_pubsub_publish_failures_total",
        "Subscription events that could not be published to the topic bus (the data change itself was committed).");

    /// <summary>
    /// Creates the counters now: prometheus-net lists a counter from its creation, and these are created on first use
    /// of this class otherwise, i.e. only once something was published (or failed to be).
    /// </summary>
    public static void EnsureCreated()
    {
        _ = Published;
        _ = PublishFailures;
    }
}
