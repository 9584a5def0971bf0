using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text;
using GraphQL;
using GraphQL.Types;
using GraphQLServer.Http;
using GraphQLServer.WebSockets;
using KdFamily.Graph.Auth;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace KdFamily.Graph.Tests.Server.WebSockets;

/// <summary>Event topics the tests publish to by hand; each subscription of <c>events(topic)</c> observes one.</summary>
public sealed class TestEventHub
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, IObserver<string>>> _topics = new();

    public IObservable<string> Observe(string topic) => new TopicObservable(this, topic);

    public int SubscriberCount(string topic) => _topics.TryGetValue(topic, out var observers) ? observers.Count : 0;

    public void Publish(string topic, string value)
    {
        foreach (var observer in Observers(topic))
        {
            observer.OnNext(value);
        }
    }

    public void Complete(string topic)
    {
        foreach (var observer in Observers(topic))
        {
            observer.OnCompleted();
        }
    }

    /// <summary>Waits until <paramref name="topic"/> has exactly <paramref name="count"/> subscribers; fails after 30 s.</summary>
    public async Task WaitForSubscribersAsync(string topic, int count)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (SubscriberCount(topic) != count)
        {
            try
            {
                await Task.Delay(20, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Topic '{topic}' has {SubscriberCount(topic)} subscribers, expected {count}.");
            }
        }
    }

    private IObserver<string>[] Observers(string topic) => _topics.TryGetValue(topic, out var observers) ? [.. observers.Values] : [];

    private sealed class TopicObservable(TestEventHub hub, string topic) : IObservable<string>
    {
        public IDisposable Subscribe(IObserver<string> observer)
        {
            var key = Guid.NewGuid();
            var observers = hub._topics.GetOrAdd(topic, _ => new());
            observers[key] = observer;
            return new Unsubscriber(() => observers.TryRemove(key, out _));
        }
    }

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}

/// <summary>A domain-free schema for the WebSocket transports: a query, a mutation and a subscription fed by <see cref="TestEventHub"/>.</summary>
public sealed class WebSocketTestSchema : GraphQL.Types.Schema
{
    public WebSocketTestSchema(IServiceProvider services, TestEventHub hub)
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
            .Resolve(context => context.Source as string)
            .ResolveStream(context => hub.Observe(context.GetArgument<string>("topic")));
        Subscription = subscription;
    }
}

/// <summary>
/// Kestrel on a loopback port serving only the WebSocket transport over <see cref="WebSocketTestSchema"/>, with JWT
/// bearer options of its own (validated by the production <see cref="JwtWebSocketAuthenticator"/>) and short
/// timeouts so init-timeout, keep-alive and slow-consumer behaviour shows quickly.
/// </summary>
public sealed class WebSocketTestHost : IAsyncLifetime
{
    public const int QueueCapacity = 64;
    public const int QueueMaxBytes = 256 * 1024;
    public static readonly TimeSpan InitTimeout = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan KeepAliveInterval = TimeSpan.FromMilliseconds(250);

    private const string Issuer = "websocket-tests";
    private static readonly SymmetricSecurityKey SigningKey = new(Encoding.UTF8.GetBytes("websocket-tests-signing-key-0123456789-abcdefghij"));

    private WebApplication? _app;

    public TestEventHub Events { get; } = new();

    public Uri Endpoint { get; private set; } = null!;

    public GraphQLWebSocketMetrics Metrics => App.Services.GetRequiredService<GraphQLWebSocketMetrics>();

    private WebApplication App => _app ?? throw new InvalidOperationException("Host not started.");

    /// <summary>A signed access token for <paramref name="name"/>; <paramref name="signingKey"/> other than the host's makes it invalid.</summary>
    public static string IssueToken(string name, TimeSpan lifetime, SecurityKey? signingKey = null)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Issuer,
            Subject = new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Name, name)]),
            NotBefore = now.AddMinutes(-1),
            IssuedAt = now.AddMinutes(-1),
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(signingKey ?? SigningKey, SecurityAlgorithms.HmacSha256),
        });
    }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(Events);
        builder.Services.AddGraphQL(graph => graph
            .AddSchema<WebSocketTestSchema>()
            .AddSystemTextJson()
            .AddServerDefaults());
        builder.Services.AddGraphQLWebSockets();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(bearer =>
        {
            bearer.MapInboundClaims = false;
            bearer.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = Issuer,
                ValidAudience = Issuer,
                IssuerSigningKey = SigningKey,
                NameClaimType = JwtRegisteredClaimNames.Name,
                ClockSkew = TimeSpan.Zero,
            };
        });
        builder.Services.AddSingleton<IWebSocketAuthenticator, JwtWebSocketAuthenticator>();
        _app = builder.Build();
        _app.UseGraphQLWebSockets<WebSocketTestSchema>("/graphql", options =>
        {
            options.ConnectionInitTimeout = InitTimeout;
            options.KeepAliveInterval = KeepAliveInterval;
            options.OutgoingQueueCapacity = QueueCapacity;
            options.OutgoingQueueMaxBytes = QueueMaxBytes;
            options.CloseTimeout = TimeSpan.FromSeconds(1);
        });
        _app.MapGraphQLHttp<WebSocketTestSchema>("/graphql");
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Endpoint = new Uri(new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal)), "/graphql");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
