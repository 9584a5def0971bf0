using KdFamily.Domain.Leaderboards;

namespace KdFamily.Domain.Tests.Leaderboards;

public sealed class CompetitionRankingTests
{
    [Fact]
    public void Rank_TiedScores_ShareARankAndSkipTheNext()
    {
        var ranked = CompetitionRanking.Rank([("Zoe", 10), ("adam", 10), ("Bea", 5), ("Carl", 0), ("Dora", 0)], x => x.Item2, x => x.Item1);

        Assert.Equal(["adam", "Zoe", "Bea", "Carl", "Dora"], ranked.Select(r => r.Item.Item1));
        Assert.Equal([1, 1, 3, 4, 4], ranked.Select(r => r.Rank));
    }

    [Fact]
    public void Rank_AllZero_EveryoneIsFirst()
    {
        var ranked = CompetitionRanking.Rank(["b", "a", "c"], _ => 0, x => x);

        Assert.Equal(["a", "b", "c"], ranked.Select(r => r.Item));
        Assert.All(ranked, r => Assert.Equal(1, r.Rank));
    }

    [Fact]
    public void Rank_Empty_IsEmpty()
    {
        Assert.Empty(CompetitionRanking.Rank(Array.Empty<string>(), _ => 0, x => x));
    }
}
