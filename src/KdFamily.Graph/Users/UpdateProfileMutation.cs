using GraphQL;
using GraphQL.Types;
using KdFamily.Domain.Data;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Users;
using KdFamily.Graph.Audit;
using KdFamily.Graph.Auth;
using KdFamily.Graph.Schema.Errors;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Npgsql;

namespace KdFamily.Graph.Users;

public sealed record UpdateProfileInput(string? FullName = null, string? Email = null, string? AvatarUrl = null);

public sealed class UpdateProfileInputType : InputObjectGraphType<UpdateProfileInput>
{
    public UpdateProfileInputType()
    {
        Name = "UpdateProfileInput";
        Description = "New profile values for the caller; fields left out (or null) stay as they are.";
        Field<StringGraphType>("fullName").Description("Display name (1 to 100 characters).");
        Field<StringGraphType>("email").Description("E-mail address; stored lower-cased and unique across all accounts.");
        Field<StringGraphType>("avatarUrl").Description("Absolute http(s) URL of a picture; an empty string removes it.");
    }
}

public sealed class UpdateProfileErrorType() : ErrorUnionGraphType(
    "updateProfile", typeof(NotFoundErrorType), typeof(ValidationErrorType), typeof(EmailTakenErrorType));

public sealed class UpdateProfilePayloadType() : PayloadGraphType<User, UserType, UpdateProfileErrorType>(
    "updateProfile", "user", "The caller with the new profile.");

public static class UpdateProfileMutation
{
    public const string AuditAction = "user.profile_updated";

    public static void AddUpdateProfile(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<UpdateProfilePayloadType>>("updateProfile")
            .Description("Changes the caller's own name, e-mail address or avatar.")
            .Authorize()
            .Argument<NonNullGraphType<UpdateProfileInputType>>("input", "Everything this mutation needs, as one input object.")
            .ResolveAsync(async context =>
            {
                var input = context.GetArgument<UpdateProfileInput>("input");
                var services = context.RequestServices!;
                var db = services.GetRequiredService<KdFamilyDbContext>();
                var cancellationToken = context.CancellationToken;
                var userId = context.RequireUserId();
                var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId && u.RemovedAt == null, cancellationToken);
                if (user is null)
                {
                    return MutationPayload.Failure<User>(NotFoundError.Of("User"));
                }

                var oldEmail = user.Email;
                var result = Profile.Update(user, input.FullName, input.Email, input.AvatarUrl, services.GetRequiredService<IClock>().GetCurrentInstant());
                if (!result.IsSuccess)
                {
                    return MutationPayload.From(result);
                }

                var emailChanged = user.Email != oldEmail;
                if (emailChanged && await db.Users.AnyAsync(u => u.Email == user.Email && u.Id != user.Id, cancellationToken))
                {
                    return MutationPayload.Failure<User>(EmailTaken());
                }

                services.GetRequiredService<AuditTrail>().Record(
                    AuditAction, user.FamilyId, user.Id, "User", user.Id,
                    new { fullName = input.FullName is not null, email = emailChanged, avatarUrl = input.AvatarUrl is not null });
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
                {
                    // Lost a race with another account taking the same address; e-mail is the only unique column changed here.
                    return MutationPayload.Failure<User>(EmailTaken());
                }

                return MutationPayload.From(result);
            });
    }

    private static EmailTakenError EmailTaken() => new("Another account already uses this e-mail address.");
}
