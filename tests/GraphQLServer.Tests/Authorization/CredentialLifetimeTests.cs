using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Security.Claims;
using System.Text;
using GraphQL.Types;
using GraphQLServer.Authorization;
using GraphQLServer.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GraphQLServer.Tests.Authorization;

/// <summary>
/// The one <see cref="ICredentialLifetime"/> ends long-lived connections for both reasons on both transports: a
/// WebSocket is closed with 4403 and an SSE stream completes when the caller's credential expires
/// (<see cref="ICredentialLifetime.ValidUntil"/>) or is revoked (<see cref="ICredentialLifetime.CheckAsync"/> after
/// <see cref="ICredentialLifetime.Watch"/> announced a change). The subscription itself never ends, so without the
/// lifetime every test here runs into its deadline.
/// </summary>
public sealed class CredentialLifetimeTests : IAsyncLifetime
{
    private const string UserHeader = "X-Test-User";
    private const string SubscribeQuery = "subscription { waiting }";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private readonly TestCredentialLifetime _credentials = new();
    private WebApplication? _app;

    private WebApplication App => _app ?? throw new InvalidOperationException("Host not started.");

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseTestServer();
        builder.Services.AddGraphQLServer<NeverEndingSubscriptionSchema>();
        builder.Services.AddSingleton<ICredentialLifetime>(_credentials);
        _app = builder.Build();
        _app.Use((http, next) =>
        {
            if (http.Request.Headers.TryGetValue(UserHeader, out var name))
            {
                http.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name.ToString())], "test"));
            }

            return next(http);
        });
        _app.MapGraphQLServer("/graphql");
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public async Task WebSocket_is_closed_with_4403_when_the_credential_expires()
    {
        _credentials.Expire("ada", DateTimeOffset.UtcNow.AddMilliseconds(500));
        using var socket = await SubscribeOverWebSocketAsync("ada");

        var status = await ReceiveCloseAsync(socket);

        Assert.Equal((WebSocketCloseStatus)4403, status);
    }

    [Fact]
    public async Task WebSocket_is_closed_with_4403_when_the_credential_is_revoked()
    {
        using var socket = await SubscribeOverWebSocketAsync("grace");
        await _credentials.WaitForWatchAsync("grace", Deadline);

        _credentials.Revoke("grace");
        var status = await ReceiveCloseAsync(socket);

        Assert.Equal((WebSocketCloseStatus)4403, status);
    }

    [Fact]
    public async Task Sse_stream_completes_when_the_credential_expires()
    {
        _credentials.Expire("alan", DateTimeOffset.UtcNow.AddMilliseconds(500));
        using var response = await SubscribeOverSseAsync("alan");

        var body = await ReadToEndAsync(response);

        Assert.Contains("event: complete", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sse_stream_completes_when_the_credential_is_revoked()
    {
        using var response = await SubscribeOverSseAsync("barbara");
        await _credentials.WaitForWatchAsync("barbara", Deadline);

        _credentials.Revoke("barbara");
        var body = await ReadToEndAsync(response);

        Assert.Contains("event: complete", body, StringComparison.Ordinal);
    }

    private async Task<WebSocket> SubscribeOverWebSocketAsync(string user)
    {
        var client = App.GetTestServer().CreateWebSocketClient();
        client.SubProtocols.Add("graphql-transport-ws");
        client.ConfigureRequest = request => request.Headers[UserHeader] = user;
        var socket = await client.ConnectAsync(new Uri("ws://localhost/graphql"), CancellationToken.None);
        await SendAsync(socket, """{"type":"connection_init"}""");
        Assert.Contains("connection_ack", await ReceiveTextAsync(socket), StringComparison.Ordinal);
        await SendAsync(socket, $$$"""{"type":"subscribe","id":"1","payload":{"query":"{{{SubscribeQuery}}}"}}""");
        return socket;
    }

    private async Task<HttpResponseMessage> SubscribeOverSseAsync(string user)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent($$"""{"query":"{{SubscribeQuery}}"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        request.Headers.Add(UserHeader, user);
        var response = await App.GetTestClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return response;
    }

    private static async Task<string> ReadToEndAsync(HttpResponseMessage response)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        return await response.Content.ReadAsStringAsync(timeout.Token);
    }

    private static Task SendAsync(WebSocket socket, string message) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    private static async Task<string> ReceiveTextAsync(WebSocket socket)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, timeout.Token);
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);

        return Encoding.UTF8.GetString(message.ToArray());
    }

    /// <summary>Reads (and skips keep-alives) until the server closes the socket; fails at the deadline.</summary>
    private static async Task<WebSocketCloseStatus?> ReceiveCloseAsync(WebSocket socket)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return result.CloseStatus;
            }
        }
    }

    /// <summary>A subscription whose source never emits nor ends: only the credential can end the connection.</summary>
    private sealed class NeverEndingSubscriptionSchema : Schema
    {
        public NeverEndingSubscriptionSchema(IServiceProvider services)
            : base(services)
        {
            var query = new ObjectGraphType { Name = "Query" };
            query.Field<StringGraphType>("hello").Resolve(_ => "world");
            Query = query;

            var subscription = new ObjectGraphType { Name = "Subscription" };
            subscription.Field<StringGraphType>("waiting").ResolveStream(_ => new NeverObservable());
            Subscription = subscription;
        }
    }

    private sealed class NeverObservable : IObservable<string?>
    {
        public IDisposable Subscribe(IObserver<string?> observer) => new NoSubscription();

        private sealed class NoSubscription : IDisposable
        {
            public void Dispose()
            {
            }
        }
    }

    /// <summary>Credentials by user name: an expiry set per user, revocation announced to the watchers of that user.</summary>
    private sealed class TestCredentialLifetime : ICredentialLifetime
    {
        private readonly ConcurrentDictionary<string, DateTimeOffset> _expiries = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, bool> _revoked = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, ConcurrentBag<Action>> _watchers = new(StringComparer.Ordinal);

        public void Expire(string user, DateTimeOffset at) => _expiries[user] = at;

        public void Revoke(string user)
        {
            _revoked[user] = true;
            foreach (var changed in _watchers.GetValueOrDefault(user) ?? [])
            {
                changed();
            }
        }

        public async Task WaitForWatchAsync(string user, TimeSpan deadline)
        {
            var until = DateTimeOffset.UtcNow + deadline;
            while (_watchers.GetValueOrDefault(user)?.IsEmpty != false)
            {
                if (DateTimeOffset.UtcNow > until)
                {
                    Assert.Fail($"No connection of '{user}' watched its credential within {deadline}.");
                }

                await Task.Delay(20);
            }
        }

        public DateTimeOffset? ValidUntil(ClaimsPrincipal principal) =>
            principal.Identity?.Name is { } name && _expiries.TryGetValue(name, out var at) ? at : null;

        public ValueTask<CredentialCheck> CheckAsync(ClaimsPrincipal principal, CancellationToken cancellationToken) =>
            ValueTask.FromResult(principal.Identity?.Name is { } name && _revoked.ContainsKey(name)
                ? CredentialCheck.Revoked
                : CredentialCheck.Valid(principal));

        public IDisposable? Watch(ClaimsPrincipal principal, Action changed)
        {
            if (principal.Identity?.Name is not { } name)
            {
                return null;
            }

            _watchers.GetOrAdd(name, _ => []).Add(changed);
            return null;
        }
    }
}
