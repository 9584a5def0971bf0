using GraphQL.Types;
using GraphQLServer.Relay;
using KdFamily.Application.Rewards;
using KdFamily.Domain.Rewards;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.SchemaRoot;
using KdFamily.Graph.SchemaRoot.Errors;

namespace KdFamily.Graph.Rewards;

public sealed record ArchiveRewardInput(string RewardId);

public sealed class ArchiveRewardInputType : InputObjectGraphType<ArchiveRewardInput>
{
    public ArchiveRewardInputType()
    {
        Name = "ArchiveRewardInput";
        Description = "Which reward to stop offering.";
        Field<NonNullGraphType<IdGraphType>>("rewardId").Description("A reward of the caller's family.");
    }
}

public sealed class ArchiveRewardErrorType() : ErrorUnionGraphType("archiveReward", typeof(NotFoundErrorType), typeof(NotAuthorizedErrorType));

public sealed class ArchiveRewardPayloadType() : PayloadGraphType<Reward, RewardGraphType, ArchiveRewardErrorType>(
    "archiveReward", "reward", "The reward, now archived.");

public static class ArchiveRewardMutation
{
    public static void AddArchiveReward(this ObjectGraphType mutation) =>
        mutation.AddUseCase<ArchiveRewardPayloadType, ArchiveRewardInputType, ArchiveReward, Reward>(
            "archiveReward",
            "Stops offering a reward (archiving an archived one changes nothing). Its open redemptions can still be decided. Parents and advisors.",
            UserRole.Parent,
            context => new ArchiveReward(context.RequireUserId(), GlobalId.Decode(context.Input<ArchiveRewardInput>().RewardId, "Reward")));
}
