using GraphQL.Types;
using GraphQLServer.Relay;
using GraphQLServer.Scalars;
using KdFamily.Application.Away;
using KdFamily.Domain.Away;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.SchemaRoot;
using KdFamily.Graph.SchemaRoot.Errors;
using KdFamily.Graph.Users;
using NodaTime;

namespace KdFamily.Graph.Away;

public sealed record SetAwayInput(string UserId, LocalDate From, LocalDate Until);

public sealed class SetAwayInputType : InputObjectGraphType<SetAwayInput>
{
    public SetAwayInputType()
    {
        Name = "SetAwayInput";
        Description = "Who is away, and on which days (family time zone, both ends included).";
        Field<NonNullGraphType<IdGraphType>>("userId").Description("The caller, or (for a parent or advisor) any current member of the family.");
        Field<NonNullGraphType<LocalDateGraphType>>("from").Description($"The first day away: today or later, within {AwayMode.MaxDaysAhead} days.");
        Field<NonNullGraphType<LocalDateGraphType>>("until").Description($"The last day away: on or after `from`, at most {AwayMode.MaxDays} days in all.");
    }
}

public sealed class SetAwayErrorType() : ErrorUnionGraphType(
    "setAway", typeof(NotFoundErrorType), typeof(NotAuthorizedErrorType), typeof(ValidationErrorType));

public sealed class SetAwayPayloadType() : PayloadGraphType<User, UserType, SetAwayErrorType>(
    "setAway", "user", "The member, with their new `away` period.");

public static class SetAwayMutation
{
    public static void AddSetAway(this ObjectGraphType mutation) =>
        mutation.AddUseCase<SetAwayPayloadType, SetAwayInputType, SetAway, User>(
            "setAway",
            "Marks days on which a member is away: their streak neither counts nor breaks, recurring work due then is created unassigned "
            + "(open for claiming), and the leaderboard shows them as away. A member sets their own; parents and advisors anyone's in the family. "
            + "Replaces the member's period that has not ended yet; days already spent away stay away.",
            UserRole.Member,
            context =>
            {
                var input = context.Input<SetAwayInput>();
                return new SetAway(context.RequireUserId(), GlobalId.Decode(input.UserId, "User"), input.From, input.Until);
            });
}
