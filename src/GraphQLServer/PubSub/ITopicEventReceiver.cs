namespace GraphQLServer.PubSub;

/// <summary>Subscribes to named topics.</summary>
public interface ITopicEventReceiver
{
    /// <summary>
    /// Subscribes to <paramref name="topic"/>; returns once the subscription is established (so nothing published after
    /// this returns is missed). The stream ends with an error when the broker connection is lost. Disposing the
    /// observer's subscription releases it.
    /// </summary>
    /// <exception cref="TopicStreamInterruptedException">The broker cannot be reached.</exception>
    Task<IObservable<T>> SubscribeAsync<T>(string topic, CancellationToken cancellationToken = default);
}
