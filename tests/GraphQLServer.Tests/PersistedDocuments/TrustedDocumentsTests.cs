using System.Text.Json;
using GraphQLServer.PersistedDocuments;
using Microsoft.Extensions.DependencyInjection;
using static GraphQLServer.Tests.PersistedDocuments.AutomaticPersistedQueryTests;

namespace GraphQLServer.Tests.PersistedDocuments;

/// <summary>
/// <c>GraphQL:PersistedDocuments:Mode = TrustedOnly</c>: only the operations of the trusted folder run, sent by hash
/// (POST or GET) or in full; any other document, or an unknown hash, is <c>PERSISTED_QUERY_NOT_IN_LIST</c>.
/// </summary>
public sealed class TrustedDocumentsTests : IAsyncLifetime
{
    private PersistedDocumentsTestHost? _host;

    private PersistedDocumentsTestHost Host => _host ?? throw new InvalidOperationException("Host not started.");

    private TrustedDocument Greeting => Host.Services.GetRequiredService<TrustedDocuments>().Documents.Single(d => d.Name == "Greeting");

    public async Task InitializeAsync() =>
        _host = await PersistedDocumentsTestHost.StartAsync(null, new Dictionary<string, string?> { ["GraphQL:PersistedDocuments:Mode"] = "TrustedOnly" });

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public void TrustedDocuments_AreEachOperationWithItsFragmentsAndTypenames()
    {
        var documents = Host.Services.GetRequiredService<TrustedDocuments>().Documents;

        Assert.Equal(["Greeting", "Touch"], documents.Select(d => d.Name));
        Assert.Equal(["query", "mutation"], documents.Select(d => d.Type));
        Assert.Contains("fragment Leaf on Nested", Greeting.Body, StringComparison.Ordinal);
        Assert.Contains("__typename", Greeting.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("fragment", documents[1].Body, StringComparison.Ordinal);
        Assert.All(documents, d => Assert.Equal(TrustedDocuments.Hash(d.Body), d.Id));
        var manifest = JsonSerializer.SerializeToNode(Host.Services.GetRequiredService<TrustedDocuments>().Manifest)!;
        Assert.Equal("apollo-persisted-query-manifest", manifest["format"]!.GetValue<string>());
        Assert.Equal(Greeting.Id, manifest["operations"]![0]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task TrustedHash_RunsOverPostAndGet()
    {
        var byPost = await Host.PostAsync(new { extensions = Persisted(Greeting.Id) });
        var byGet = await Host.GetAsync(new Dictionary<string, object> { ["extensions"] = Persisted(Greeting.Id) });

        foreach (var (status, body) in new[] { byPost, byGet })
        {
            Assert.Equal(200, status);
            Assert.Equal("leaf", body["data"]?["nested"]?["leaf"]?.GetValue<string>());
            Assert.Equal("Nested", body["data"]?["nested"]?["__typename"]?.GetValue<string>());
        }
    }

    [Fact]
    public async Task TrustedDocumentSentInFull_Runs()
    {
        var (status, body) = await Host.PostAsync(new { query = Greeting.Body });

        Assert.Equal(200, status);
        Assert.Equal("world", body["data"]?["hello"]?.GetValue<string>());
    }

    [Fact]
    public async Task UnregisteredDocument_IsRefused()
    {
        var (status, body) = await Host.PostAsync(new { query = "{ hello }" });

        Assert.Equal(200, status);
        AssertError(body, "PERSISTED_QUERY_NOT_IN_LIST");
    }

    [Fact]
    public async Task UnregisteredDocumentWithItsHash_IsRefusedAndStaysRefused()
    {
        const string query = "{ whoami }";
        var extensions = Persisted(TrustedDocuments.Hash(query));

        var (_, withQuery) = await Host.PostAsync(new { query, extensions });
        var (_, hashOnly) = await Host.GetAsync(new Dictionary<string, object> { ["extensions"] = extensions });

        AssertError(withQuery, "PERSISTED_QUERY_NOT_IN_LIST");
        AssertError(hashOnly, "PERSISTED_QUERY_NOT_IN_LIST");
    }
}
