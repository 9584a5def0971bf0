using GraphQL.Types;
using GraphQLServer.Limits;
using KdFamily.Application.Users;
using KdFamily.Graph.ChildAccounts;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.SchemaRoot;
using KdFamily.Graph.SchemaRoot.Errors;

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
            + $"At most {Profile.MaxEmailChangesPerDay} changes a day. A child account has no address and gets none (CHILD_ACCOUNT_RESTRICTED).");
        Field<StringGraphType>("avatarUrl").Description("Absolute http(s) URL of a picture; an empty string removes it.");
    }
}

public sealed class UpdateProfileErrorType() : ErrorUnionGraphType(
    "updateProfile", typeof(NotFoundErrorType), typeof(ValidationErrorType), typeof(ChildAccountRestrictedErrorType));

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
    public static void AddUpdateProfile(this ObjectGraphType mutation) =>
        mutation.AddUseCase<UpdateProfilePayloadType, UpdateProfileInputType, UpdateProfile, ProfileChange>(
            "updateProfile",
            "Changes the caller's own name or avatar, and asks to change their e-mail address (confirmed by mail).",
            UserRole.Member,
            context =>
            {
                var input = context.Input<UpdateProfileInput>();
                return new UpdateProfile(context.RequireUserId(), input.FullName, input.Email, input.AvatarUrl);
            });
}
