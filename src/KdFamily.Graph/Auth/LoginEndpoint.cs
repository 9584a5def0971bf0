using KdFamily.Domain.Audit;
using KdFamily.Domain.Data;
using KdFamily.Domain.Users;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace KdFamily.Graph.Auth;

/// <summary>POST login: username or e-mail plus password; starts a session.</summary>
internal static class LoginEndpoint
{
    // Verified against when the login names nobody, so unknown and known accounts take the same time.
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<User>().HashPassword(null!, "not-a-real-password"));

    public static async Task<Results<Ok<AuthResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        LoginRequest request,
        HttpContext http,
        KdFamilyDbContext db,
        AuthSessionService sessions,
        IPasswordHasher<User> hasher,
        IClock clock,
        CancellationToken cancellationToken)
    {
        var login = request.Login!.Trim().ToLowerInvariant();
        var user = await db.Users.FirstOrDefaultAsync(u => (u.Username == login || u.Email == login) && u.RemovedAt == null, cancellationToken);
        var now = clock.GetCurrentInstant();
        var verification = hasher.VerifyHashedPassword(user!, user?.PasswordHash ?? DummyHash.Value, request.Password!);
        if (user is null || verification == PasswordVerificationResult.Failed)
        {
            AuthAudit.Record(db, http, now, AuditActions.LoginFailed, user, new { login });
            await db.SaveChangesAsync(cancellationToken);
            return AuthProblems.Problem(StatusCodes.Status401Unauthorized, AuthProblems.InvalidCredentials, "The login or password is wrong.");
        }

        if (verification == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = hasher.HashPassword(user, request.Password!);
        }

        var response = sessions.Start(user, http);
        AuthAudit.Record(db, http, now, AuditActions.LoginSucceeded, user);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(response);
    }
}
