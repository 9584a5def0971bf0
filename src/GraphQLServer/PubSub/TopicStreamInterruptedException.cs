namespace GraphQLServer.PubSub;

/// <summary>A live topic stream ended because the connection to the broker was lost.</summary>
public sealed class TopicStreamInterruptedException : Exception
{
    public TopicStreamInterruptedException()
    {
    }

    public TopicStreamInterruptedException(string message)
        : base(message)
    {
    }

    public TopicStreamInterruptedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
