using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.SystemTextJson;
using GraphQLServer.DataLoader;
using Microsoft.Extensions.DependencyInjection;

namespace GraphQLServer.Tests.DataLoader;

public sealed class DataLoaderTests
{
    private readonly FetchLog _log = new();

    [Fact]
    public async Task Load_ManyParents_FetchesOnceWithEveryKey()
    {
        var result = await ExecuteAsync("{ parents(ids: [1, 2, 3, 4, 5]) { firstChild { name } } }");

        var batch = Assert.Single(_log.Of(nameof(ChildByIdLoader)));
        Assert.Equal([10, 20, 30, 40, 50], batch.Order());
        Assert.Equal("child 30", result["data"]!["parents"]![2]!["firstChild"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Load_SameKeyFromManyFields_FetchesItOnce()
    {
        await ExecuteAsync("{ parents(ids: [1, 1, 2]) { firstChild { id } again: firstChild { id } firstChildName } }");

        var batch = Assert.Single(_log.Of(nameof(ChildByIdLoader)));
        Assert.Equal([10, 20], batch.Order());
    }

    [Fact]
    public async Task Load_KeyCachedAtAnEarlierLevel_IsNotFetchedAgain()
    {
        // Level 2 loads 10 and 20; level 3 (siblings) wants 11 and 21 (new) and, via parent 1's sibling, nothing cached twice.
        var result = await ExecuteAsync("{ parents(ids: [1, 2]) { firstChild { sibling { name } } } again: parents(ids: [1]) { firstChild { name } } }");

        var batches = _log.Of(nameof(ChildByIdLoader));
        Assert.Equal(2, batches.Count);
        Assert.Equal([10, 20], batches[0].Order());
        Assert.Equal([11, 21], batches[1].Order());
        Assert.Equal("child 11", result["data"]!["parents"]![0]!["firstChild"]!["sibling"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Prime_ByGroupedLoader_AnswersTheOtherLoaderWithoutFetching()
    {
        // children of 1 and 2 are 10, 11, 20, 21: their siblings 11 and 21 are primed, 12 and 22 are not.
        var result = await ExecuteAsync("{ parents(ids: [1, 2]) { children { sibling { id } } } }");

        Assert.Single(_log.Of(nameof(ChildrenByParentIdLoader)));
        var batch = Assert.Single(_log.Of(nameof(ChildByIdLoader)));
        Assert.Equal([12, 22], batch.Order());
        Assert.Equal(11, result["data"]!["parents"]![0]!["children"]![0]!["sibling"]!["id"]!.GetValue<int>());
    }

    [Fact]
    public async Task Prime_KeyAlreadyQueued_ResolvesItAndDropsItFromTheBatch()
    {
        var loader = new ChildByIdLoader(_log);
        var queued = loader.LoadAsync(10);
        var other = loader.LoadAsync(20);
        loader.Prime(10, new Child(10, "primed", 1));

        Assert.Equal("primed", (await queued.GetResultAsync())!.Name);
        Assert.Equal("child 20", (await other.GetResultAsync())!.Name);
        Assert.Equal([20], Assert.Single(_log.Of(nameof(ChildByIdLoader))));
    }

    [Fact]
    public async Task Load_MissingKey_ResolvesToNull()
    {
        var result = await ExecuteAsync("{ parents(ids: [1]) { missingChild { id } firstChild { id } } }");

        Assert.Null(result["data"]!["parents"]![0]!["missingChild"]);
        Assert.Equal(10, result["data"]!["parents"]![0]!["firstChild"]!["id"]!.GetValue<int>());
        Assert.Single(_log.Of(nameof(ChildByIdLoader)));
    }

    [Fact]
    public async Task Load_GroupedKeyWithoutRows_ResolvesToEmptyList()
    {
        var result = await ExecuteAsync("{ parents(ids: [4, 99]) { children { id } } }");

        Assert.Equal(2, result["data"]!["parents"]![0]!["children"]!.AsArray().Count);
        Assert.Empty(result["data"]!["parents"]![1]!["children"]!.AsArray());
        Assert.Equal([4, 99], Assert.Single(_log.Of(nameof(ChildrenByParentIdLoader))).Order());
    }

    [Fact]
    public async Task Load_FetchThrows_EveryWaitingFieldGetsAnError()
    {
        _log.FailingKeys.Add(20);

        var result = await ExecuteAsync("{ parents(ids: [1, 2]) { id firstChild { name } } }");

        var errors = result["errors"]!.AsArray();
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Equal("firstChild", e!["path"]![2]!.GetValue<string>()));
        Assert.Null(result["data"]!["parents"]![0]!["firstChild"]);
        Assert.Equal(2, result["data"]!["parents"]![1]!["id"]!.GetValue<int>());
    }

    [Fact]
    public async Task ThenLoad_ManyParents_SecondLoaderBatchesAcrossParents()
    {
        var result = await ExecuteAsync("{ parents(ids: [1, 2, 3]) { siblingOfFirstChild { id } } }");

        Assert.Single(_log.Of(nameof(ChildByIdLoader)));
        var batch = Assert.Single(_log.Of(nameof(ChildrenByParentIdLoader)));
        Assert.Equal([10, 20, 30], batch.Order());
        Assert.Equal(101, result["data"]!["parents"]![0]!["siblingOfFirstChild"]!["id"]!.GetValue<int>());
    }

    [Fact]
    public async Task Load_LoadersOfOneLevel_StartInOneRound_AndShareOneTrip()
    {
        var result = await ExecuteAsync("{ parents(ids: [1, 2]) { firstChild { id } children { id } } }");

        Assert.Null(result["errors"]);
        var trip = Assert.Single(_log.Trips);
        Assert.Equal([nameof(ChildByIdLoader), nameof(ChildrenByParentIdLoader)], trip.Order());
        Assert.False(_log.RoundSeenAfterAwait);
    }

    [Fact]
    public async Task Load_EachLevel_TakesItsOwnTrip()
    {
        // Level 2 fetches the first children; level 3 their siblings (11 and 21, not primed by anything).
        var result = await ExecuteAsync("{ parents(ids: [1, 2]) { firstChild { sibling { id } } } }");

        Assert.Equal(21, result["data"]!["parents"]![1]!["firstChild"]!["sibling"]!["id"]!.GetValue<int>());
        Assert.Equal(2, _log.Trips.Count);
        Assert.All(_log.Trips, trip => Assert.Equal([nameof(ChildByIdLoader)], trip));
    }

    [Fact]
    public async Task Load_OutsideAContext_FetchesAlone()
    {
        var loader = new ChildByIdLoader(_log);

        var child = await loader.LoadAsync(10).GetResultAsync();

        Assert.Equal("child 10", child!.Name);
        Assert.Equal([nameof(ChildByIdLoader)], Assert.Single(_log.Trips));
        Assert.Null(DispatchRound.Current);
    }

    [Fact]
    public async Task Load_ConcurrentCallers_ShareOneFetch()
    {
        var loader = new ChildByIdLoader(_log);
        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() => loader.LoadAsync(i % 8))));
        var values = await Task.WhenAll(results.Select(r => Task.Run(() => r.GetResultAsync())));

        Assert.Equal(8, Assert.Single(_log.Of(nameof(ChildByIdLoader))).Length);
        Assert.All(values.Select((v, i) => (v, i)), x => Assert.Equal(x.i % 8, x.v!.Id));
    }

    private async Task<JsonObject> ExecuteAsync(string query)
    {
        var services = new ServiceCollection().AddSingleton(_log).AddDataLoaders().BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        var result = await new DocumentExecuter().ExecuteAsync(new ExecutionOptions
        {
            Schema = new DataLoaderTestSchema(),
            Query = query,
            RequestServices = scope.ServiceProvider,
        });
        return JsonNode.Parse(new GraphQLSerializer().Serialize(result))!.AsObject();
    }
}
