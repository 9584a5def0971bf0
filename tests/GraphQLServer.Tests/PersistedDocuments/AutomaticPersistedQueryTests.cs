using System.Text.Json.Nodes;
using GraphQLServer.PersistedDocuments;
using Microsoft.Extensions.DependencyInjection;
using KdFamily.Testing;
using StackExchange.Redis;

namespace GraphQLServer.Tests.PersistedDocuments;

/// <summary>
/// Automatic persisted queries (Apollo's protocol) end to end over HTTP POST and GET: an unknown hash answers
/// PersistedQueryNotFound, the query with its hash registers it, then the hash alone runs it. The same tests run
/// against the in-memory store and against Redis.
/// </summary>
public abstract class AutomaticPersistedQueryTests
{
    private const int MaxEntries = 3;
    private const int MaxDocumentBytes = 256;

    protected string KeyPrefix { get; } = "test:persisted:" + Guid.NewGuid().ToString("N") + ":";

    protected abstract string? Redis { get; }

    [Fact]
    public async Task PostHashOnly_UnknownHash_AnswersPersistedQueryNotFound()
    {
        await using var host = await StartAsync();

        var (status, body) = await host.PostAsync(new { extensions = Persisted(TrustedDocuments.Hash("{ hello }")) });

        Assert.Equal(200, status);
        AssertError(body, "PERSISTED_QUERY_NOT_FOUND", "PersistedQueryNotFound");
    }

    [Fact]
    public async Task PostQueryWithHash_ThenHashOnlyOverPostAndGet_RunsTheRegisteredQuery()
    {
        await using var host = await StartAsync();
        const string query = "query Hello { hello }";
        var extensions = Persisted(TrustedDocuments.Hash(query));

        var registered = await host.PostAsync(new { query, extensions });
        var byPost = await host.PostAsync(new { extensions, operationName = "Hello" });
        var byGet = await host.GetAsync(new Dictionary<string, object> { ["extensions"] = extensions, ["operationName"] = "Hello" });

        foreach (var (status, body) in new[] { registered, byPost, byGet })
        {
            Assert.Equal(200, status);
            Assert.Equal("world", body["data"]?["hello"]?.GetValue<string>());
        }
    }

    [Fact]
    public async Task GetHashOnly_UnknownHash_AnswersPersistedQueryNotFound()
    {
        await using var host = await StartAsync();

        var (_, body) = await host.GetAsync(new Dictionary<string, object> { ["extensions"] = Persisted(TrustedDocuments.Hash("{ id }")) });

        AssertError(body, "PERSISTED_QUERY_NOT_FOUND", "PersistedQueryNotFound");
    }

    [Fact]
    public async Task QueryWithAnotherQuerysHash_IsRefusedAndRegistersNothing()
    {
        await using var host = await StartAsync();
        var extensions = Persisted(TrustedDocuments.Hash("{ hello }"));

        var (status, body) = await host.PostAsync(new { query = "{ whoami }", extensions });
        var (_, afterwards) = await host.PostAsync(new { extensions });

        Assert.Equal(200, status);
        AssertError(body, "PERSISTED_QUERY_HASH_MISMATCH");
        AssertError(afterwards, "PERSISTED_QUERY_NOT_FOUND", "PersistedQueryNotFound");
    }

    [Theory]
    [InlineData("""{"version":2,"sha256Hash":"0000000000000000000000000000000000000000000000000000000000000000"}""")]
    [InlineData("""{"version":1,"sha256Hash":"not-a-hash"}""")]
    [InlineData("""{"version":1}""")]
    [InlineData("\"abc\"")]
    public async Task MalformedPersistedQuery_IsRefused(string persistedQuery)
    {
        await using var host = await StartAsync();

        var (status, body) = await host.PostAsync("""{"extensions":{"persistedQuery":""" + persistedQuery + "}}");

        Assert.Equal(200, status);
        AssertError(body, "PERSISTED_QUERY_INVALID");
    }

    [Fact]
    public async Task InvalidQueryWithHash_IsNotRegistered()
    {
        const string query = "{ nope }";
        await using var host = await StartAsync();
        var extensions = Persisted(TrustedDocuments.Hash(query));

        var (_, body) = await host.PostAsync(new { query, extensions });
        var (_, afterwards) = await host.PostAsync(new { extensions });

        Assert.NotNull(body["errors"]);
        AssertError(afterwards, "PERSISTED_QUERY_NOT_FOUND", "PersistedQueryNotFound");
    }

    [Fact]
    public async Task QueryLargerThanMaxDocumentBytes_RunsButIsNotRegistered()
    {
        var query = "{ hello }" + new string(' ', MaxDocumentBytes);
        await using var host = await StartAsync();
        var extensions = Persisted(TrustedDocuments.Hash(query));

        var (_, body) = await host.PostAsync(new { query, extensions });
        var (_, afterwards) = await host.PostAsync(new { extensions });

        Assert.Equal("world", body["data"]?["hello"]?.GetValue<string>());
        AssertError(afterwards, "PERSISTED_QUERY_NOT_FOUND", "PersistedQueryNotFound");
    }

    [Fact]
    public async Task RegisteringMoreThanMaxEntries_KeepsOnlyTheNewest()
    {
        await using var host = await StartAsync();
        var queries = Enumerable.Range(1, MaxEntries + 2).Select(i => $"{{ a{i}: hello }}").ToList();
        foreach (var query in queries)
        {
            await host.PostAsync(new { query, extensions = Persisted(TrustedDocuments.Hash(query)) });
        }

        List<bool> known = [];
        foreach (var query in queries)
        {
            var (_, body) = await host.PostAsync(new { extensions = Persisted(TrustedDocuments.Hash(query)) });
            known.Add(body["data"] is not null);
        }

        Assert.Equal([false, false, true, true, true], known);
        await AssertStoredEntriesAtMostAsync(MaxEntries);
    }

    [Fact]
    public async Task TrustedDocument_IsKnownByHashWithoutRegistration()
    {
        await using var host = await StartAsync();
        var greeting = host.Services.GetRequiredService<TrustedDocuments>().Documents.Single(d => d.Name == "Greeting");

        var (status, body) = await host.GetAsync(new Dictionary<string, object> { ["extensions"] = Persisted(greeting.Id) });

        Assert.Equal(200, status);
        Assert.Equal("world", body["data"]?["hello"]?.GetValue<string>());
        Assert.Equal("leaf", body["data"]?["nested"]?["leaf"]?.GetValue<string>());
    }

    [Fact]
    public async Task ModeOff_HashOnly_AnswersPersistedQueryNotSupported()
    {
        await using var host = await StartAsync(new() { ["GraphQL:PersistedDocuments:Mode"] = "Off" });

        var (_, body) = await host.PostAsync(new { extensions = Persisted(TrustedDocuments.Hash("{ hello }")) });

        AssertError(body, "PERSISTED_QUERY_NOT_SUPPORTED", "PersistedQueryNotSupported");
    }

    internal static object Persisted(string hash) => new { persistedQuery = new { version = 1, sha256Hash = hash } };

    internal static void AssertError(JsonNode body, string code, string? message = null)
    {
        var errors = body["errors"]?.AsArray();
        Assert.True(errors is { Count: 1 }, body.ToJsonString());
        Assert.Null(body["data"]);
        Assert.Equal(code, errors[0]!["extensions"]?["code"]?.GetValue<string>());
        if (message is not null)
        {
            Assert.Equal(message, errors[0]!["message"]!.GetValue<string>());
        }
    }

    protected virtual Task AssertStoredEntriesAtMostAsync(int count) => Task.CompletedTask;

    private Task<PersistedDocumentsTestHost> StartAsync(Dictionary<string, string?>? settings = null)
    {
        settings ??= [];
        settings["GraphQL:PersistedDocuments:MaxEntries"] = MaxEntries.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["GraphQL:PersistedDocuments:MaxDocumentBytes"] = MaxDocumentBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["GraphQL:PersistedDocuments:KeyPrefix"] = KeyPrefix;
        return PersistedDocumentsTestHost.StartAsync(Redis, settings);
    }
}

public sealed class InMemoryAutomaticPersistedQueryTests : AutomaticPersistedQueryTests
{
    protected override string? Redis => null;
}

public sealed class RedisAutomaticPersistedQueryTests : AutomaticPersistedQueryTests
{
    protected override string? Redis => TestServers.Redis.ConnectionString;

    [Fact]
    public async Task QueryRegisteredOnOneInstance_RunsByHashOnAnother()
    {
        const string query = "query Shared { hello }";
        var extensions = Persisted(TrustedDocuments.Hash(query));
        await using var first = await PersistedDocumentsTestHost.StartAsync(Redis, new Dictionary<string, string?> { ["GraphQL:PersistedDocuments:KeyPrefix"] = KeyPrefix });
        await using var second = await PersistedDocumentsTestHost.StartAsync(Redis, new Dictionary<string, string?> { ["GraphQL:PersistedDocuments:KeyPrefix"] = KeyPrefix });

        await first.PostAsync(new { query, extensions });
        var (_, body) = await second.PostAsync(new { extensions });

        Assert.Equal("world", body["data"]?["hello"]?.GetValue<string>());
    }

    protected override async Task AssertStoredEntriesAtMostAsync(int count)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis.ConnectionString);
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var documents = server.Keys(pattern: KeyPrefix + "document:*").Count();
        Assert.InRange(documents, 1, count);
        Assert.InRange(await redis.GetDatabase().SortedSetLengthAsync(KeyPrefix + "index"), 1, count);
    }
}
