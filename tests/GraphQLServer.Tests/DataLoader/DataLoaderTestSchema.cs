using System.Collections.Concurrent;
using GraphQL;
using GraphQL.Types;
using GraphQLServer.DataLoader;

namespace GraphQLServer.Tests.DataLoader;

/// <summary>Records each batch a loader fetched (the keys, in order), standing in for a database.</summary>
public sealed class FetchLog
{
    public ConcurrentQueue<(string Loader, int[] Keys)> Batches { get; } = new();

    public IReadOnlyList<int[]> Of(string loader) => [.. Batches.Where(b => b.Loader == loader).Select(b => b.Keys)];

    public HashSet<int> FailingKeys { get; } = [];

    /// <summary>The trips to the store, with the loaders that took each one.</summary>
    public ConcurrentQueue<IReadOnlyList<string>> Trips { get; } = new();

    /// <summary>Whether a fetch still saw a dispatch round after its first await (it must not).</summary>
    public bool RoundSeenAfterAwait { get; set; }

    /// <summary>
    /// Waits for the store the way a database read would: a fetch started in a dispatch round joins the round's trip
    /// and is answered when the round sends it; otherwise it takes a trip of its own.
    /// </summary>
    public async Task TripAsync(string loader)
    {
        if (DispatchRound.Current is { } round)
        {
            await round.Join(this, () => new StoreTrip(this)).Take(loader);
        }
        else
        {
            Trips.Enqueue([loader]);
            await Task.Yield();
        }

        RoundSeenAfterAwait |= DispatchRound.Current is not null;
    }

    private sealed class StoreTrip(FetchLog log) : IDispatchRoundWork
    {
        private readonly List<string> _loaders = [];
        private readonly TaskCompletionSource _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Take(string loader)
        {
            _loaders.Add(loader);
            return _answered.Task;
        }

        public void Send()
        {
            log.Trips.Enqueue([.. _loaders]);
            _answered.SetResult();
        }
    }
}

public sealed record Parent(int Id);

public sealed record Child(int Id, string Name, int ParentId);

/// <summary>Children: child n has parent n / 10 and sibling n + 1; ids over 900 (parents over 90) do not exist.</summary>
public sealed class ChildByIdLoader(FetchLog log) : BatchDataLoader<int, Child>
{
    protected override async Task<IReadOnlyDictionary<int, Child>> LoadBatchAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken)
    {
        log.Batches.Enqueue((nameof(ChildByIdLoader), [.. keys]));
        await log.TripAsync(nameof(ChildByIdLoader));
        if (keys.Any(log.FailingKeys.Contains))
        {
            throw new InvalidOperationException("the store is down");
        }

        return keys.Where(k => k <= 900).ToDictionary(k => k, k => new Child(k, $"child {k}", k / 10));
    }
}

public sealed class ChildrenByParentIdLoader(FetchLog log, DataLoaderContext loaders) : GroupedDataLoader<int, Child>
{
    protected override async Task<ILookup<int, Child>> LoadGroupedBatchAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken)
    {
        log.Batches.Enqueue((nameof(ChildrenByParentIdLoader), [.. keys]));
        await log.TripAsync(nameof(ChildrenByParentIdLoader));
        var children = keys.Where(p => p <= 90).SelectMany(p => new[] { new Child(p * 10, $"child {p * 10}", p), new Child((p * 10) + 1, $"child {(p * 10) + 1}", p) }).ToList();
        var byId = loaders.GetLoader<ChildByIdLoader>();
        foreach (var child in children)
        {
            byId.Prime(child.Id, child);
        }

        return children.ToLookup(c => c.ParentId);
    }
}

public sealed class DataLoaderTestSchema : GraphQL.Types.Schema
{
    public DataLoaderTestSchema()
    {
        var child = new ObjectGraphType<Child> { Name = "Child" };
        child.Field<NonNullGraphType<IntGraphType>>("id").Resolve(c => c.Source.Id);
        child.Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        AddField(child, "sibling", child, c => c.DataLoader<ChildByIdLoader>().LoadAsync(c.Source.Id + 1));

        var parent = new ObjectGraphType<Parent> { Name = "Parent" };
        parent.Field<NonNullGraphType<IntGraphType>>("id").Resolve(c => c.Source.Id);
        AddField(parent, "firstChild", child, c => c.DataLoader<ChildByIdLoader>().LoadAsync(c.Source.Id * 10));
        AddField(parent, "missingChild", child, c => c.DataLoader<ChildByIdLoader>().LoadAsync(999));
        AddField(parent, "children", new ListGraphType(new NonNullGraphType(child)), c => c.DataLoader<ChildrenByParentIdLoader>().LoadAsync(c.Source.Id));
        parent.Field<StringGraphType>("firstChildName").Resolve(c =>
            c.DataLoader<ChildByIdLoader>().LoadAsync(c.Source.Id * 10).Then(x => x?.Name));
        AddField(parent, "siblingOfFirstChild", child, c =>
            c.DataLoader<ChildByIdLoader>().LoadAsync(c.Source.Id * 10)
                .ThenLoad(x => c.DataLoader<ChildrenByParentIdLoader>().LoadAsync(x!.Id).Then(list => list[^1])));

        var query = new ObjectGraphType { Name = "Query" };
        query.AddField(new FieldType
        {
            Name = "parents",
            ResolvedType = new ListGraphType(parent),
            Arguments = new QueryArguments(new QueryArgument<NonNullGraphType<ListGraphType<NonNullGraphType<IntGraphType>>>> { Name = "ids" }),
            Resolver = new GraphQL.Resolvers.FuncFieldResolver<object?>(c => c.GetArgument<List<int>>("ids").Select(id => new Parent(id)).ToList()),
        });
        Query = query;
    }

    private static void AddField<TSource>(ObjectGraphType<TSource> owner, string name, IGraphType type, Func<IResolveFieldContext<TSource>, object?> resolve) =>
        owner.AddField(new FieldType
        {
            Name = name,
            ResolvedType = type,
            Resolver = new GraphQL.Resolvers.FuncFieldResolver<TSource, object?>(resolve),
        });
}
