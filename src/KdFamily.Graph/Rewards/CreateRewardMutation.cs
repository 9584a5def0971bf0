using GraphQL.Types;
using KdFamily.Application.Rewards;
using KdFamily.Domain.Rewards;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.SchemaRoot;
using KdFamily.Graph.SchemaRoot.Errors;

namespace KdFamily.Graph.Rewards;

public sealed record CreateRewardInput(string Name, int Cost, string? Description = null, int? Stock = null, bool RequiresApproval = true);

public sealed class CreateRewardInputType : InputObjectGraphType<CreateRewardInput>
{
    public CreateRewardInputType()
    {
        Name = "CreateRewardInput";
        Description = "A new reward for the caller's family.";
        Field<NonNullGraphType<StringGraphType>>("name").Description($"What it is (1 to {RewardLimits.MaxNameLength} characters).");
        Field<StringGraphType>("description").Description($"Details (at most {RewardLimits.MaxDescriptionLength} characters).");
        Field<NonNullGraphType<IntGraphType>>("cost").Description($"Points one redemption costs ({RewardLimits.MinCost} to {RewardLimits.MaxCost}).");
        Field<IntGraphType>("stock").Description($"How many there are (0 to {RewardLimits.MaxStock}); null or omitted for unlimited.");
        Field<BooleanGraphType>("requiresApproval").DefaultValue(true)
            .Description("Whether a redemption waits for a parent's decision; false approves redemptions at once.");
    }
}

public sealed class CreateRewardErrorType() : ErrorUnionGraphType(
    "createReward", typeof(NotFoundErrorType), typeof(NotAuthorizedErrorType), typeof(ValidationErrorType));

public sealed class CreateRewardPayloadType() : PayloadGraphType<Reward, RewardGraphType, CreateRewardErrorType>(
    "createReward", "reward", "The new reward.");

public static class CreateRewardMutation
{
    public static void AddCreateReward(this ObjectGraphType mutation) =>
        mutation.AddUseCase<CreateRewardPayloadType, CreateRewardInputType, CreateReward, Reward>(
            "createReward",
            $"Adds a reward to the caller's family (at most {RewardLimits.MaxLiveRewards} live ones). Parents and advisors.",
            UserRole.Parent,
            context =>
            {
                var input = context.Input<CreateRewardInput>();
                return new CreateReward(
                    context.RequireUserId(), new RewardDetails(input.Name, input.Description, input.Cost, input.Stock, input.RequiresApproval));
            });
}
