using GraphQLServer.PubSub;

namespace KdFamily.Graph.Auth;

/// <summary>
/// Applies other instances' <see cref="SessionChanged"/> announcements to this instance's
/// <see cref="SessionAuthorityCache"/>. The cache is trusted only while this subscription is up; when the bus
/// connection is lost it is bypassed until the listener has subscribed again.
/// </summary>
public sealed partial class SessionChangeListener(
    ITopicEventReceiver receiver, SessionAuthorityCache cache, ILogger<SessionChangeListener> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var changes = await receiver.SubscribeAsync<SessionChanged>(SessionChanges.Topic, stoppingToken);
                var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                using (changes.Subscribe(new Observer(cache, ended)))
                {
                    cache.Trust();
                    await ended.Task.WaitAsync(stoppingToken);
                }
            }
            catch (TopicStreamInterruptedException exception)
            {
                LogUnavailable(logger, exception);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            cache.Distrust();
            await Task.Delay(RetryDelay, stoppingToken);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Session change feed unavailable; every request reads its session from the database until it is back")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);

    private sealed class Observer(SessionAuthorityCache cache, TaskCompletionSource ended) : IObserver<SessionChanged>
    {
        public void OnNext(SessionChanged value)
        {
            if (value.Origin != cache.InstanceId)
            {
                cache.Invalidate(value.UserId);
            }
        }

        public void OnError(Exception error)
        {
            cache.Distrust();
            ended.TrySetResult();
        }

        public void OnCompleted() => ended.TrySetResult();
    }
}
