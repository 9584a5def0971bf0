using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using GraphQL;
using GraphQL.Types;
using GraphQLServer.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GraphQLServer.Tests.Sse;

/// <summary>
/// An event source the tests control: observers subscribe, the test publishes and completes, and can see how many
/// subscriptions are live (so a test can tell the transport disposed its subscription).
/// </summary>
public sealed class TestEventSource : IObservable<object?>
{
    private readonly Lock _gate = new();
    private readonly List<IObserver<object?>> _observers = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int SubscriberCount
    {
        get
        {
            lock (_gate)
            {
                return _observers.Count;
            }
        }
    }

    public IDisposable Subscribe(IObserver<object?> observer)
    {
        lock (_gate)
        {
            _observers.Add(observer);
            Signal();
        }

        return new Subscription(this, observer);
    }

    public void Publish(object? value)
    {
        foreach (var observer in Snapshot())
        {
            observer.OnNext(value);
        }
    }

    public void Complete()
    {
        foreach (var observer in Snapshot())
        {
            observer.OnCompleted();
        }
    }

    /// <summary>Waits (up to <paramref name="timeout"/>, default 30 s) until the number of live subscriptions is <paramref name="count"/>.</summary>
    public async Task WaitForSubscribersAsync(int count, TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_observers.Count == count)
                {
                    return;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Expected {count} subscribers, still {SubscriberCount}.");
            }
        }
    }

    private IObserver<object?>[] Snapshot()
    {
        lock (_gate)
        {
            return [.. _observers];
        }
    }

    private void Signal()
    {
        var changed = _changed;
        _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }

    private sealed class Subscription(TestEventSource source, IObserver<object?> observer) : IDisposable
    {
        public void Dispose()
        {
            lock (source._gate)
            {
                if (source._observers.Remove(observer))
                {
                    source.Signal();
                }
            }
        }
    }
}

/// <summary>Event sources by topic, so each test subscribes to one of its own.</summary>
public sealed class TestEventHub
{
    private readonly ConcurrentDictionary<string, TestEventSource> _sources = new();

    public TestEventSource this[string topic] => _sources.GetOrAdd(topic, _ => new TestEventSource());
}

/// <summary>A schema of the tests' own for the SSE transport: a query, a mutation and a subscription fed by <see cref="TestEventHub"/>.</summary>
public sealed class SseTestSchema : GraphQL.Types.Schema
{
    public SseTestSchema(IServiceProvider services, TestEventHub hub)
        : base(services)
    {
        var query = new ObjectGraphType { Name = "Query" };
        query.Field<StringGraphType>("hello").Resolve(_ => "world");
        query.Field<StringGraphType>("whoami").Resolve(context => context.User?.Identity?.Name);
        Query = query;

        var mutation = new ObjectGraphType { Name = "Mutation" };
        mutation.Field<BooleanGraphType>("touch").Resolve(_ => true);
        Mutation = mutation;

        var subscription = new ObjectGraphType { Name = "Subscription" };
        subscription.Field<StringGraphType>("events")
            .Argument<NonNullGraphType<StringGraphType>>("topic")
            .ResolveStream(context => hub[context.GetArgument<string>("topic")]);
        Subscription = subscription;
    }
}

/// <summary>
/// The HTTP transport (with SSE) over <see cref="SseTestSchema"/> on real Kestrel. A test principal comes from
/// headers: <see cref="UserHeader"/> names the user, <see cref="ExpiresHeader"/> gives its <c>exp</c> (Unix seconds).
/// </summary>
public class SseTestHost : IAsyncLifetime
{
    public const string UserHeader = "X-Test-User";
    public const string ExpiresHeader = "X-Test-Exp";
    public const int MaxBufferedEvents = 8;

    private WebApplication? _app;

    public TestEventHub Hub { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    public Uri GraphQLEndpoint => new(BaseAddress, "/graphql");

    protected virtual TimeSpan KeepAliveInterval => TimeSpan.FromSeconds(12);

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(Hub);
        builder.Services.AddGraphQL(graph => graph
            .AddSchema<SseTestSchema>()
            .AddSystemTextJson()
            .AddServerDefaults());
        _app = builder.Build();
        _app.Use((http, next) =>
        {
            if (http.Request.Headers.TryGetValue(UserHeader, out var name))
            {
                List<Claim> claims = [new(ClaimTypes.Name, name.ToString())];
                if (http.Request.Headers.TryGetValue(ExpiresHeader, out var exp))
                {
                    claims.Add(new("exp", exp.ToString(), ClaimValueTypes.Integer64));
                }

                http.User = new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
            }

            return next(http);
        });
        _app.MapGraphQLHttp<SseTestSchema>("/graphql", options =>
        {
            options.Sse.KeepAliveInterval = KeepAliveInterval;
            options.Sse.MaxBufferedEvents = MaxBufferedEvents;
            options.Sse.WriteTimeout = TimeSpan.FromSeconds(2);
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>Unix seconds <paramref name="fromNow"/> from now, for <see cref="ExpiresHeader"/>.</summary>
    public static string UnixSecondsFromNow(TimeSpan fromNow) =>
        DateTimeOffset.UtcNow.Add(fromNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}

/// <summary>The same host with a short keep-alive interval, to observe the periodic comments.</summary>
public sealed class FastKeepAliveSseTestHost : SseTestHost
{
    protected override TimeSpan KeepAliveInterval => TimeSpan.FromMilliseconds(200);
}
