using System.Net.WebSockets;
using KdFamily.Graph.Tests.Infrastructure;
using NodaTime;

namespace KdFamily.Graph.Tests.Limits;

/// <summary>Signed-in users and sockets for the limit tests.</summary>
internal static class LimitsTestUsers
{
    /// <summary>Access tokens of <paramref name="count"/> new members of one new family.</summary>
    public static async Task<string[]> TokensAsync(LimitedApiFactory factory, int count)
    {
        _ = factory.Address; // Kestrel starts before anything touches Services
        var seed = FamilySeed.Create("Limits", count, 0, SystemClock.Instance.GetCurrentInstant());
        await seed.SaveAsync(factory.Services);
        return [.. seed.Members.Select(m => TestTokens.For(factory.Services, m))];
    }

    /// <summary>A raw socket as the host sees a client at <paramref name="clientAddress"/> (X-Forwarded-For from loopback).</summary>
    public static async Task<ClientWebSocket> ConnectAsync(Uri endpoint, string subProtocol, string? clientAddress = null)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(subProtocol);
        if (clientAddress is not null)
        {
            socket.Options.SetRequestHeader("X-Forwarded-For", clientAddress);
        }

        await socket.ConnectAsync(endpoint, CancellationToken.None);
        return socket;
    }

    /// <summary>Awaits <paramref name="task"/>, failing after <paramref name="seconds"/> (keep-alives would keep a plain receive waiting forever).</summary>
    public static async Task<T> Within<T>(this Task<T> task, int seconds, string what)
    {
        Assert.True(await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(seconds))) == task, $"{what}: nothing within {seconds} s");
        return await task;
    }
}
