using KdFamily.Application.Audit;
using KdFamily.Application.Auth;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Auth;
using KdFamily.Domain.Data;
using KdFamily.Domain.Users;
using KdFamily.Graph.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace KdFamily.Graph.Auth;

/// <summary>POST change-password, forgot-password and reset-password.</summary>
internal static class PasswordEndpoints
{
    /// <summary>Signed-in users: verifies the current password, sets the new one and revokes their other sessions.</summary>
    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        ChangePasswordRequest request,
        HttpContext http,
        KdFamilyDbContext db,
        AuthSessionService sessions,
        SessionChanges changes,
        IPasswordHasher<User> hasher,
        IClock clock,
        CancellationToken cancellationToken)
    {
        var userId = http.User.GetUserId();
        var user = userId is null ? null : await db.Users.FirstOrDefaultAsync(u => u.Id == userId && u.RemovedAt == null, cancellationToken);
        if (user is null)
        {
            return AuthProblems.Problem(StatusCodes.Status401Unauthorized, AuthProblems.NotAuthenticated, "Sign in to change the password.");
        }

        if (hasher.VerifyHashedPassword(user, user.PasswordHash, request.CurrentPassword!) == PasswordVerificationResult.Failed)
        {
            return AuthProblems.Problem(StatusCodes.Status400BadRequest, AuthProblems.InvalidCredentials, "The current password is wrong.");
        }

        var now = clock.GetCurrentInstant();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        user.PasswordHash = hasher.HashPassword(user, request.NewPassword!);
        user.UpdatedAt = now;
        var revoked = await sessions.RevokeAllAsync(user.Id, keep: http.User.GetSessionId(), AuthSessionService.RevokedByPasswordChange, cancellationToken);
        AuthAudit.Record(db, http, now, AuditActions.PasswordChanged, user, new { revokedSessions = revoked });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await changes.AnnounceAsync(user.Id);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Always 202 after the same work, one queued row, whether or not the address has an account: the account is looked
    /// up later by <see cref="PasswordResetRequestProcessor"/>, so the answer's timing cannot tell (issue 7, item 6).
    /// </summary>
    public static async Task<Accepted> ForgotAsync(
        ForgotPasswordRequest request,
        HttpContext http,
        KdFamilyDbContext db,
        IClock clock,
        CancellationToken cancellationToken)
    {
        var entry = AuditTrail.Entry(HttpRequestOrigin.Of(http), clock.GetCurrentInstant(), AuditActions.PasswordResetRequested, null, null, null, null, null);
        db.PasswordResetRequests.Add(new PasswordResetRequest
        {
            Email = Profile.NormalizeEmail(request.Email)!,
            RequestedAt = entry.At,
            IpAddress = entry.IpAddress,
            UserAgent = entry.UserAgent,
        });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    /// <summary>Spends a reset token (once, before it expires), sets the password and revokes every session.</summary>
    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ResetAsync(
        ResetPasswordRequest request,
        HttpContext http,
        KdFamilyDbContext db,
        AuthSessionService sessions,
        SessionChanges changes,
        IPasswordHasher<User> hasher,
        IClock clock,
        CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var hash = SecureTokens.Hash(request.Token!);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var token = await db.PasswordResetTokens.AsNoTracking().Include(t => t.User)
            .FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        var spent = token is { UsedAt: null, User.RemovedAt: null } && token.ExpiresAt > now
            ? await db.PasswordResetTokens
                .Where(t => t.Id == token.Id && t.UsedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), cancellationToken)
            : 0;
        if (spent == 0)
        {
            return AuthProblems.Problem(StatusCodes.Status400BadRequest, AuthProblems.ResetTokenInvalid, "The reset token is invalid, expired or already used.");
        }

        var user = await db.Users.FirstAsync(u => u.Id == token!.UserId, cancellationToken);
        user.PasswordHash = hasher.HashPassword(user, request.NewPassword!);
        user.UpdatedAt = now;

        // Other outstanding reset links of the user stop working too.
        await db.PasswordResetTokens
            .Where(t => t.UserId == user.Id && t.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), cancellationToken);
        var revoked = await sessions.RevokeAllAsync(user.Id, keep: null, AuthSessionService.RevokedByPasswordReset, cancellationToken);
        AuthAudit.Record(db, http, now, AuditActions.PasswordReset, user, new { revokedSessions = revoked });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await changes.AnnounceAsync(user.Id);
        return TypedResults.NoContent();
    }
}
