using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using GraphQLServer.Hosting;
using GraphQLServer.Tests.Http;
using GraphQLServer.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace GraphQLServer.Tests.Hosting;

/// <summary>
/// <c>AddGraphQLServer</c> and <c>MapGraphQLServer</c> alone serve every transport at one path: HTTP, SSE, WebSocket
/// and the IDE, with the WebSocket settings from the host's defaults and configuration.
/// </summary>
public sealed class GraphQLServerRegistrationTests : IAsyncLifetime
{
    private WebApplication? _app;

    private WebApplication App => _app ?? throw new InvalidOperationException("Host not started.");

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["GraphQL:WebSockets:MaxOperationsPerSocket"] = "7" });
        builder.Services.AddGraphQLServer<TransportTestSchema>(server =>
            server.WebSocketDefaults = webSockets => (webSockets.PongTimeout, webSockets.MaxOperationsPerSocket) = (TimeSpan.FromSeconds(42), 3));
        _app = builder.Build();
        _app.MapGraphQLServer("/graphql", graphql => graphql.Ide.Title = "Test IDE");
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
    public async Task Http_post_is_served()
    {
        using var response = await App.GetTestClient().PostAsync(
            "/graphql", new StringContent("""{"query":"{ hello }"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("world", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("hello").GetString());
    }

    [Fact]
    public async Task Sse_is_served_to_clients_that_accept_event_streams()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("""{"query":"{ hello }"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await App.GetTestClient().SendAsync(request);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("event: next", body, StringComparison.Ordinal);
        Assert.Contains("\"hello\":\"world\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebSocket_is_served_on_the_same_path()
    {
        var client = App.GetTestServer().CreateWebSocketClient();
        client.SubProtocols.Add("graphql-transport-ws");
        using var socket = await client.ConnectAsync(new Uri("ws://localhost/graphql"), CancellationToken.None);

        await SendAsync(socket, """{"type":"connection_init"}""");
        Assert.Equal("connection_ack", (await ReceiveAsync(socket)).GetProperty("type").GetString());
        await SendAsync(socket, """{"type":"subscribe","id":"1","payload":{"query":"{ hello }"}}""");
        var next = await ReceiveAsync(socket);

        Assert.Equal("next", next.GetProperty("type").GetString());
        Assert.Equal("world", next.GetProperty("payload").GetProperty("data").GetProperty("hello").GetString());
    }

    [Fact]
    public async Task Ide_is_served_to_browsers()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        using var response = await App.GetTestClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/graphql/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public void WebSocket_settings_are_the_host_defaults_with_configuration_bound_over_them()
    {
        var options = App.Services.GetRequiredService<IOptions<GraphQLWebSocketOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(42), options.PongTimeout);
        Assert.Equal(7, options.MaxOperationsPerSocket);
    }

    [Fact]
    public void Mapping_without_registration_names_the_missing_call()
    {
        var app = WebApplication.CreateBuilder().Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapGraphQLServer("/graphql"));

        Assert.Contains("AddGraphQLServer", error.Message, StringComparison.Ordinal);
    }

    private static Task SendAsync(WebSocket socket, string message) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    private static async Task<JsonElement> ReceiveAsync(WebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, timeout.Token);
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);

        return JsonDocument.Parse(message.ToArray()).RootElement.Clone();
    }
}
