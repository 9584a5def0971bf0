using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace KdFamily.Graph.Tests.Infrastructure;

/// <summary>
/// The API whose domain clock is the real time plus <see cref="Offset"/>, which a test moves forward (to see a lock
/// run out) and back to zero when done: tokens the host issues meanwhile carry the moved time.
/// </summary>
public sealed class AdjustableClockApiFactory : KdFamilyApiFactory
{
    private readonly OffsetClock _clock = new();

    public Duration Offset
    {
        get => _clock.Offset;
        set => _clock.Offset = value;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IClock>(_clock));
    }

    private sealed class OffsetClock : IClock
    {
        public Duration Offset { get; set; }

        public Instant GetCurrentInstant() => SystemClock.Instance.GetCurrentInstant() + Offset;
    }
}
