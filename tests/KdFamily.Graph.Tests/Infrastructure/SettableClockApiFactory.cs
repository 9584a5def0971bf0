using KdFamily.Domain.Users;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace KdFamily.Graph.Tests.Infrastructure;

/// <summary>
/// The API with a domain clock the test moves (<see cref="Clock"/>), so time-driven work (reminders, overdue work)
/// runs without waiting. A second host over the same database shares the clock (<see cref="SecondHost"/>).
/// </summary>
public sealed class SettableClockApiFactory : KdFamilyApiFactory
{
    public SettableClockApiFactory()
        : this(new SettableClock(Instant.FromUtc(2026, 5, 20, 12, 0)))
    {
    }

    private SettableClockApiFactory(SettableClock clock) => Clock = clock;

    public SettableClock Clock { get; }

    /// <summary>Another API instance over this one's database, with the same clock (two instances behind a load balancer).</summary>
    public SettableClockApiFactory SecondHost()
    {
        var second = new SettableClockApiFactory(Clock);
        second.UseDatabaseOf(this);
        return second;
    }

    /// <summary>A token valid now (the real time), for <paramref name="user"/>.</summary>
    public string TokenFor(User user) => TestTokens.For(Services, user);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IClock>(Clock));
    }
}

/// <summary>A clock that says what the test set last.</summary>
public sealed class SettableClock(Instant now) : IClock
{
    private long _ticks = now.ToUnixTimeTicks();

    public Instant Now
    {
        get => Instant.FromUnixTimeTicks(Interlocked.Read(ref _ticks));
        set => Interlocked.Exchange(ref _ticks, value.ToUnixTimeTicks());
    }

    public Instant GetCurrentInstant() => Now;
}
