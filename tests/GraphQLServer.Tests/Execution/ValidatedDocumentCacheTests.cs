using GraphQLParser;
using GraphQLServer.Execution;

namespace GraphQLServer.Tests.Execution;

public sealed class ValidatedDocumentCacheTests
{
    [Fact]
    public void Add_MoreDocumentsThanTheBound_EmptiesTheCacheAndKeepsTheNewest()
    {
        var cache = new ValidatedDocumentCache();
        for (var i = 0; i < ValidatedDocumentCache.MaxDocuments; i++)
        {
            cache.Add($"{{ a{i} }}", Parser.Parse($"{{ a{i} }}"));
        }

        Assert.Equal(ValidatedDocumentCache.MaxDocuments, cache.Count);

        cache.Add("{ newest }", Parser.Parse("{ newest }"));

        Assert.Equal(1, cache.Count);
        Assert.True(cache.TryGet("{ newest }", out _));
        Assert.False(cache.TryGet("{ a0 }", out _));
    }

    [Fact]
    public void Add_DocumentsLongerInTotalThanTheBound_NeverHoldsMoreText()
    {
        var cache = new ValidatedDocumentCache();
        var huge = "{ a }" + new string(' ', (int)ValidatedDocumentCache.MaxTotalLength);
        var half = "{ b }" + new string(' ', (int)(ValidatedDocumentCache.MaxTotalLength / 2));

        cache.Add(huge, Parser.Parse("{ a }"));
        cache.Add(half, Parser.Parse("{ b }"));
        cache.Add(half + " ", Parser.Parse("{ b }"));

        Assert.False(cache.TryGet(huge, out _));
        Assert.Equal(1, cache.Count);
        Assert.True(cache.TryGet(half + " ", out _));
    }

    [Fact]
    public void TryGet_SameTextInAnotherString_HandsBackTheCachedCopy()
    {
        var cache = new ValidatedDocumentCache();
        var first = "subscription { events }";
        cache.Add(first, Parser.Parse(first));

        var again = new string(first.AsSpan());

        Assert.True(cache.TryGet(again, out var cached));
        Assert.NotSame(first, again);
        Assert.Same(first, cached.Text);
    }
}
