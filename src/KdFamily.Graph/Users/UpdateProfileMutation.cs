using GraphQL;
using GraphQL.Types;
using KdFamily.Domain.Data;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Users;
using KdFamily.Graph.Audit;
using KdFamily.Graph.Auth;
using GraphQLServer.Limits;
using KdFamily.Graph.Schema.Errors;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace KdFamily.Graph.Users;

public sealed record UpdateProfileInput(string? FullName = null, string? Email = null, string? AvatarUrl = null);

public sealed class UpdateProfileInputType : InputObjectGraphType<UpdateProfileInput>
{
    public UpdateProfileInputType()
    {
        Name = "UpdateProfileInput";
        Description = "New profile values for the caller; fields left out (or null) stay as they are.";
        Field<StringGraphType>("fullName").Description("Display name (1 to 100 characters).");
        Field<StringGraphType>("email").Description(
            "New e-mail address, stored lower-cased. It is not applied at once: a confirmation link is mailed to it and the "
            + "address replaces the current one when the link is opened (`POST /api/v1/auth/confirm-email`). "
            + $"At most {Profile.MaxEmailChangesPerDay} changes a day.");
        Field<StringGraphType>("avatarUrl").Description("Absolute http(s) URL of a picture; an empty string removes it.");
    }
}

public sealed class UpdateProfileErrorType() : ErrorUnionGraphType(
    "updateProfile", typeof(NotFoundErrorType), typeof(ValidationErrorType));

/// <summary>Like the other payloads, plus the address awaiting confirmation.</summary>
public sealed class UpdateProfilePayloadType : ObjectGraphType<MutationPayload<ProfileChange>>
{
    public UpdateProfilePayloadType()
    {
        Name = "UpdateProfilePayload";
        Description = "The result of `updateProfile`.";
        Field<UserType>("user").Description("The caller with the new profile (still with the current e-mail address).")
            .Resolve(c => c.Source.Value?.User);
        Field<StringGraphType>("pendingEmail")
            .Description("The new e-mail address a confirmation link was mailed to; null when the address was not changed. "
                + "The answer is the same whether or not another account uses the address.")
            .Resolve(c => c.Source.Value?.RequestedEmail);
        Field<ListGraphType<NonNullGraphType<UpdateProfileErrorType>>>("errors")
            .Description("Why the mutation changed nothing; null when it succeeded.")
            .ListSize(1)
            .Resolve(c => c.Source.Errors);
    }
}

public static class UpdateProfileMutation
{
    public const string AuditAction = "user.profile_updated";

    public static void AddUpdateProfile(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<UpdateProfilePayloadType>>("updateProfile")
            .Description("Changes the caller's own name or avatar, and asks to change their e-mail address (confirmed by mail).")
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
                    return MutationPayload.Failure<ProfileChange>(NotFoundError.Of("User"));
                }

                var now = services.GetRequiredService<IClock>().GetCurrentInstant();
                var result = Profile.Update(user, input.FullName, input.Email, input.AvatarUrl, now);
                if (!result.IsSuccess)
                {
                    return MutationPayload.From(result);
                }

                if (result.Value!.RequestedEmail is { } requestedEmail)
                {
                    // Whether another account uses the address is not looked at here: the answer, and the work, are the
                    // same for every address. Only whoever reads the mailbox learns it, when confirming.
                    var requestedToday = await db.EmailChangeRequests
                        .CountAsync(r => r.UserId == user.Id && r.CreatedAt > now - Duration.FromDays(1), cancellationToken);
                    if (requestedToday >= Profile.MaxEmailChangesPerDay)
                    {
                        return MutationPayload.Failure<ProfileChange>(new ValidationError(
                            "email", $"At most {Profile.MaxEmailChangesPerDay} e-mail address changes a day; try again tomorrow."));
                    }

                    await services.GetRequiredService<EmailChangeConfirmations>().RequestAsync(user, requestedEmail, now, cancellationToken);
                }

                services.GetRequiredService<AuditTrail>().Record(
                    AuditAction, user.FamilyId, user.Id, "User", user.Id,
                    new { fullName = input.FullName is not null, emailChangeRequested = result.Value.RequestedEmail is not null, avatarUrl = input.AvatarUrl is not null });
                await db.SaveChangesAsync(cancellationToken);
                return MutationPayload.From(result);
            });
    }
}
