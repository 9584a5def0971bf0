using KdFamily.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KdFamily.Graph.Tests.Infrastructure;

public static class OutboxWaits
{
    /// <summary>
    /// The body of the one e-mail queued to <paramref name="to"/>, waiting for it (polls every 50 ms, fails after 10 s):
    /// reset links are mailed by a background batch (every 200 ms on test hosts), not by the request.
    /// </summary>
    public static async Task<string> WaitForSingleMailAsync(this IServiceProvider services, string to)
    {
        ArgumentNullException.ThrowIfNull(services);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            await using (var scope = services.CreateAsyncScope())
            {
                var bodies = await scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>().OutboundEmails
                    .Where(e => e.To == to).Select(e => e.Body).ToListAsync();
                if (bodies.Count > 0)
                {
                    return Assert.Single(bodies);
                }
            }

            Assert.True(DateTime.UtcNow < deadline, $"no e-mail to {to} was queued within 10 s");
            await Task.Delay(50);
        }
    }
}
