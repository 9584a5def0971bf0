using System.Diagnostics.Metrics;
using GraphQLServer.Diagnostics;

namespace GraphQLServer.PubSub;

/// <summary>Counters of the topic bus, on <see cref="GraphQLServerMeter"/> and readable in-process.</summary>
public sealed class PubSubMetrics
{
    /// <summary>Messages handed to the broker (Redis) or delivered in memory.</summary>
    public const string PublishedInstrument = "graphql.pubsub.published";

    /// <summary>Messages that could not be published (broker down, timeout); the change they announce is committed regardless.</summary>
    public const string PublishFailuresInstrument = "graphql.pubsub.publish_failures";

    private readonly Counter<long> _published;
    private readonly Counter<long> _publishFailures;
    private long _publishedCount;
    private long _publishFailureCount;

    public PubSubMetrics(GraphQLServerMeter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _published = meter.Meter.CreateCounter<long>(PublishedInstrument, description: "Subscription events published to the topic bus.");
        _publishFailures = meter.Meter.CreateCounter<long>(PublishFailuresInstrument,
            description: "Subscription events that could not be published to the topic bus (the data change itself was committed).");
    }

    public long PublishedCount => Interlocked.Read(ref _publishedCount);

    public long PublishFailureCount => Interlocked.Read(ref _publishFailureCount);

    internal void Published()
    {
        Interlocked.Increment(ref _publishedCount);
        _published.Add(1);
    }

    internal void PublishFailed()
    {
        Interlocked.Increment(ref _publishFailureCount);
        _publishFailures.Add(1);
    }
}
