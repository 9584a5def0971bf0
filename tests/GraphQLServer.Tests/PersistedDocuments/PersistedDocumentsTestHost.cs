using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GraphQLServer.Hosting;
using GraphQLServer.Tests.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GraphQLServer.Tests.PersistedDocuments;

/// <summary>
/// <c>AddGraphQLServer</c> and <c>MapGraphQLServer</c> over <see cref="TransportTestSchema"/> on real Kestrel, with the
/// given <c>GraphQL:PersistedDocuments</c> settings, Redis or not, and a folder of trusted documents of its own.
/// </summary>
public sealed class PersistedDocumentsTestHost : IAsyncDisposable
{
    public const string TrustedOperations = """
        query Greeting { hello nested { ...Leaf } }
        fragment Leaf on Nested { leaf }
        mutation Touch { touch }
        """;

    private readonly WebApplication _app;
    private readonly string _trustedFolder;
    private readonly HttpClient _client = new();

    private PersistedDocumentsTestHost(WebApplication app, string trustedFolder, Uri endpoint)
    {
        _app = app;
        _trustedFolder = trustedFolder;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<PersistedDocumentsTestHost> StartAsync(string? redis, IDictionary<string, string?> settings)
    {
        var trustedFolder = Directory.CreateTempSubdirectory("trusted-documents-").FullName;
        await File.WriteAllTextAsync(Path.Combine(trustedFolder, "Operations.graphql"), TrustedOperations);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings)
        {
            ["GraphQL:PersistedDocuments:TrustedDocumentsPath"] = trustedFolder,
        });
        builder.Services.AddGraphQLServer<TransportTestSchema>(server => server.RedisConnectionString = redis);
        var app = builder.Build();
        app.MapGraphQLServer("/graphql");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new PersistedDocumentsTestHost(app, trustedFolder, new Uri(new Uri(address), "/graphql"));
    }

    /// <summary>POSTs <paramref name="body"/> (serialized as JSON) accepting application/json; the status and the parsed answer.</summary>
    public async Task<(int Status, JsonNode Body)> PostAsync(object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint)
        {
            Content = new StringContent(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        return await SendAsync(request);
    }

    /// <summary>GETs with the given query-string parameters (values JSON-encoded where they are objects).</summary>
    public async Task<(int Status, JsonNode Body)> GetAsync(IDictionary<string, object> parameters)
    {
        var query = string.Join('&', parameters.Select(p =>
            p.Key + "=" + Uri.EscapeDataString(p.Value as string ?? JsonSerializer.Serialize(p.Value))));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Endpoint, "?" + query));
        return await SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        Directory.Delete(_trustedFolder, recursive: true);
    }

    private async Task<(int Status, JsonNode Body)> SendAsync(HttpRequestMessage request)
    {
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await _client.SendAsync(request);
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }
}
