using KdFamily.Application.Events;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Data;
using KdFamily.Domain.Families;
using KdFamily.Domain.Notifications;
using KdFamily.Domain.Users;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Npgsql;

namespace KdFamily.Graph.Auth;

/// <summary>POST register: creates a family (caller becomes ADVISOR) or joins one by invite code (as MEMBER).</summary>
internal static class RegisterEndpoint
{
    public static async Task<Results<Created<AuthResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        RegisterRequest request,
        HttpContext http,
        KdFamilyDbContext db,
        AuthSessionService sessions,
        IPasswordHasher<User> hasher,
        IClock clock,
        IFamilyEvents events,
        CancellationToken cancellationToken)
    {
        var username = request.Username!.Trim().ToLowerInvariant();
        var email = request.Email!.Trim().ToLowerInvariant();
        if (await db.Users.AnyAsync(u => u.Username == username, cancellationToken))
        {
            return UsernameTaken();
        }

        if (await db.Users.AnyAsync(u => u.Email == email, cancellationToken))
        {
            return EmailTaken();
        }

        var now = clock.GetCurrentInstant();
        Family family;
        UserRole role;
        if (!string.IsNullOrWhiteSpace(request.InviteCode))
        {
            var code = request.InviteCode.Trim().ToUpperInvariant();
            var existing = await db.Families.FirstOrDefaultAsync(f => f.InviteCode == code, cancellationToken);
            if (existing is null)
            {
                return AuthProblems.Problem(StatusCodes.Status400BadRequest, AuthProblems.InviteCodeInvalid, "The invite code is not valid.");
            }

            if (await db.Users.CountAsync(u => u.FamilyId == existing.Id && u.RemovedAt == null, cancellationToken) >= FamilyLimits.MaxMembers)
            {
                return AuthProblems.Problem(StatusCodes.Status409Conflict, AuthProblems.FamilyFull,
                    $"The family already has {FamilyLimits.MaxMembers} members, the most a family can have.");
            }

            family = existing;
            role = UserRole.Member;
        }
        else
        {
            family = new Family
            {
                Name = request.FamilyName!.Trim(),
                TimeZone = request.TimeZone ?? "UTC",
                InviteCode = InviteCodes.New(),
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Families.Add(family);
            role = UserRole.Advisor;
        }

        var user = new User
        {
            FamilyId = family.Id,
            Username = username,
            Email = email,
            FullName = request.FullName!.Trim(),
            PasswordHash = "",
            Role = role,
            CreatedAt = now,
            UpdatedAt = now,
        };
        user.PasswordHash = hasher.HashPassword(user, request.Password!);
        db.Users.Add(user);
        var response = sessions.Start(user, http);
        AuthAudit.Record(db, http, now, AuditActions.Registered, user, new { joinedExistingFamily = role == UserRole.Member });
        if (role == UserRole.Member)
        {
            // MEMBER_JOINED for the family's parents and advisors, committed with the new user in the one SaveChanges below.
            var recipients = await db.Users
                .Where(u => u.FamilyId == family.Id && u.RemovedAt == null && (u.Role == UserRole.Parent || u.Role == UserRole.Advisor))
                .ToListAsync(cancellationToken);
            var notifications = recipients.Where(NotificationCatalogue.HearsAboutNewMembers).Select(r => NotificationCatalogue.MemberJoined(r, user, now)).ToList();
            db.Notifications.AddRange(notifications);
            events.MemberJoined(user);
            notifications.ForEach(events.NotificationSent);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique)
        {
            // Lost a race with a concurrent registration of the same name.
            return unique.ConstraintName?.Contains("email", StringComparison.Ordinal) == true ? EmailTaken() : UsernameTaken();
        }

        // Committed: memberJoined for the family, notificationReceived for its parents and advisors.
        await events.PublishAsync();

        return TypedResults.Created((string?)null, response);
    }

    private static ProblemHttpResult UsernameTaken() =>
        AuthProblems.Problem(StatusCodes.Status409Conflict, AuthProblems.UsernameTaken, "The username is already taken.");

    private static ProblemHttpResult EmailTaken() =>
        AuthProblems.Problem(StatusCodes.Status409Conflict, AuthProblems.EmailTaken, "An account with this e-mail address already exists.");
}
