using KdFamily.Domain.Email;
using NodaTime;

namespace KdFamily.Domain.Tests.Email;

public sealed class EmailRetryPolicyTests
{
    private static readonly EmailRetryPolicy Policy = new(MaxAttempts: 8, BaseDelay: Duration.FromSeconds(30), MaxDelay: Duration.FromMinutes(5));

    [Fact]
    public void DelayAfter_EachFailure_DoublesFromTheBaseDelayUpToTheCap()
    {
        var delays = Enumerable.Range(1, 7).Select(Policy.DelayAfter).Select(d => d.TotalSeconds).ToList();

        Assert.Equal([30d, 60d, 120d, 240d, 300d, 300d, 300d], delays);
    }

    [Fact]
    public void DelayAfter_ManyFailures_StaysAtTheCapWithoutOverflow()
    {
        Assert.Equal(Duration.FromMinutes(5), Policy.DelayAfter(int.MaxValue));
    }

    [Fact]
    public void DelayAfter_NoFailure_IsAProgrammingError()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Policy.DelayAfter(0));
    }

    [Fact]
    public void GivesUpAfter_TheLastAttempt_Only()
    {
        Assert.False(Policy.GivesUpAfter(7));
        Assert.True(Policy.GivesUpAfter(8));
    }
}
