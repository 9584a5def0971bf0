namespace GraphQLServer.PubSub;

/// <summary>Publishes messages to a named topic; every current subscriber of the topic, on any instance, receives them.</summary>
public interface ITopicEventSender
{
    /// <summary>
    /// Publishes <paramref name="message"/> (serialized as JSON). Never throws for a broker failure: publishing
    /// happens after a commit, so a failure is logged and counted (<see cref="PubSubMetrics.PublishFailuresInstrument"/>) instead.
    /// </summary>
    Task SendAsync<T>(string topic, T message, CancellationToken cancellationToken = default);
}
