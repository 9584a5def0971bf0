using KdFamily.Domain.Users;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace KdFamily.Graph.Tests.Infrastructure;

/// <summary>The API with its domain clock frozen at <see cref="Now"/> (Wednesday), so weeks and streaks are deterministic.</summary>
public sealed class FixedClockApiFactory : KdFamilyApiFactory
{
    public static readonly Instant Now = Instant.FromUtc(2026, 5, 20, 12, 0);

    protected override bool CountsStatements => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IClock>(new FixedClock(Now)));
    }

    /// <summary>A token valid now (the real time), for <paramref name="user"/>.</summary>
    public string TokenFor(User user) => TestTokens.For(Services, user);

    private sealed class FixedClock(Instant now) : IClock
    {
        public Instant GetCurrentInstant() => now;
    }
}
