using KdFamily.Domain.Auth;
using KdFamily.Domain.Data;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;

namespace KdFamily.Graph.Tests.Infrastructure;

/// <summary>
/// Access tokens for tests that do not go through login: each gets a live login session of its own (an
/// auth_sessions row), as the host honours a token only while its session is live. The user must be saved first.
/// </summary>
public static class TestTokens
{
    /// <summary>A token valid now (the real time, whatever the host's domain clock says) for <paramref name="user"/>.</summary>
    public static string For(IServiceProvider services, User user) => Session(services, user).Token;

    /// <summary>A token and the id of its new session (to revoke it directly in a test).</summary>
    public static (string Token, Guid SessionId) Session(IServiceProvider services, User user)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(user);
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
        var now = SystemClock.Instance.GetCurrentInstant();
        var session = new AuthSession { UserId = user.Id, CreatedAt = now, ExpiresAt = now + Duration.FromDays(30) };
        db.AuthSessions.Add(session);
        db.SaveChanges();
        var issuer = new AccessTokenIssuer(services.GetRequiredService<IOptions<JwtOptions>>(), SystemClock.Instance);
        return (issuer.Issue(user, session.Id).Token, session.Id);
    }
}

public static class SessionCacheWaits
{
    /// <summary>Waits (at most 10 s, then fails) until the host listens to session changes, so its cache keeps entries.</summary>
    public static async Task WaitUntilSessionCacheIsTrustedAsync(this IServiceProvider services)
    {
        var cache = services.GetRequiredService<SessionAuthorityCache>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!cache.IsTrusted)
        {
            Assert.True(DateTime.UtcNow < deadline, "the host never subscribed to session changes");
            await Task.Delay(20);
        }
    }
}
