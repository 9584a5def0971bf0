using System.Threading.Channels;
using GraphQLServer.PubSub;
using KdFamily.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace GraphQLServer.Tests.PubSub;

public sealed class RedisTopicBusTests
{
    [Fact]
    public async Task SubscribeAsync_TwoLocalSubscribers_ShareOneRedisSubscriptionReleasedByTheLast()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis.ConnectionString);
        await using var services = new ServiceCollection().AddTopicBus(redisConnectionString: null).BuildServiceProvider();
        using var bus = new RedisTopicBus(redis, services.GetRequiredService<PubSubMetrics>(), NullLogger<RedisTopicBus>.Instance);
        var topic = $"tests:{Guid.NewGuid():N}";
        var first = new Inbox();
        var second = new Inbox();

        var firstSubscription = (await bus.SubscribeAsync<Message>(topic)).Subscribe(first);
        var secondSubscription = (await bus.SubscribeAsync<Message>(topic)).Subscribe(second);
        Assert.Equal(1, await redis.RedisSubscriberCountAsync(topic));

        await bus.SendAsync(topic, new Message("hello", 42));
        Assert.Equal(new Message("hello", 42), await first.NextAsync());
        Assert.Equal(new Message("hello", 42), await second.NextAsync());

        firstSubscription.Dispose();
        Assert.Equal(1, bus.ActiveTopicCount);
        secondSubscription.Dispose();
        Assert.Equal(0, bus.ActiveTopicCount);

        // The UNSUBSCRIBE is sent without waiting for it: wait until the server has seen it.
        await redis.WaitForNoRedisSubscriberAsync(topic);
    }

    public sealed record Message(string Text, int Number);

    private sealed class Inbox : IObserver<Message>
    {
        private readonly Channel<Message> _messages = Channel.CreateUnbounded<Message>();

        public async Task<Message> NextAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            return await _messages.Reader.ReadAsync(timeout.Token);
        }

        public void OnNext(Message value) => _messages.Writer.TryWrite(value);

        public void OnError(Exception error) => _messages.Writer.TryComplete(error);

        public void OnCompleted() => _messages.Writer.TryComplete();
    }
}
