using static GraphQLServer.Tests.PersistedDocuments.AutomaticPersistedQueryTests;

namespace GraphQLServer.Tests.PersistedDocuments;

/// <summary>Batching and incremental delivery are not supported; each gets a typed error a client can tell apart.</summary>
public sealed class UnsupportedRequestTests : IAsyncLifetime
{
    private PersistedDocumentsTestHost? _host;

    private PersistedDocumentsTestHost Host => _host ?? throw new InvalidOperationException("Host not started.");

    public async Task InitializeAsync() => _host = await PersistedDocumentsTestHost.StartAsync(null, new Dictionary<string, string?>());

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task BatchedRequest_Answers400BatchingNotSupported()
    {
        var (status, body) = await Host.PostAsync("""[{"query":"{ hello }"},{"query":"{ id }"}]""");

        Assert.Equal(400, status);
        AssertError(body, "BATCHING_NOT_SUPPORTED");
    }

    [Theory]
    [InlineData("{ ... @defer { hello } }", "DEFER_NOT_SUPPORTED")]
    [InlineData("query Q { ...F @defer } fragment F on Query { hello }", "DEFER_NOT_SUPPORTED")]
    [InlineData("{ nested { child { leaf @stream } } }", "STREAM_NOT_SUPPORTED")]
    public async Task IncrementalDelivery_AnswersItsNotSupportedCode(string query, string code)
    {
        var (_, body) = await Host.PostAsync(new { query });

        AssertError(body, code);
    }
}
