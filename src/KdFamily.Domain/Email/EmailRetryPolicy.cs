using NodaTime;

namespace KdFamily.Domain.Email;

/// <summary>
/// How often a failing mail is tried: at most <see cref="MaxAttempts"/> times, waiting <see cref="BaseDelay"/> after
/// the first failure and twice as long after each further one, never more than <see cref="MaxDelay"/>.
/// </summary>
public sealed record EmailRetryPolicy(int MaxAttempts, Duration BaseDelay, Duration MaxDelay)
{
    /// <summary>The wait after the <paramref name="attempts"/>-th failed attempt (1-based).</summary>
    public Duration DelayAfter(int attempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        var delay = BaseDelay;
        for (var i = 1; i < attempts && delay < MaxDelay; i++)
        {
            delay += delay;
        }

        return delay < MaxDelay ? delay : MaxDelay;
    }

    /// <summary>Whether a mail that has failed <paramref name="attempts"/> times is given up.</summary>
    public bool GivesUpAfter(int attempts) => attempts >= MaxAttempts;
}
