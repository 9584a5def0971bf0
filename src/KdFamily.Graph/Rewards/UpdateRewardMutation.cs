using GraphQL.Types;
using GraphQLServer.Relay;
using KdFamily.Application.Rewards;
using KdFamily.Domain.Rewards;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.SchemaRoot;
using KdFamily.Graph.SchemaRoot.Errors;

namespace KdFamily.Graph.Rewards;

public sealed record UpdateRewardInput(string RewardId, RewardEdit Edit);

/// <summary>Only the fields present change; an explicit null clears the description or makes the stock unlimited. Parsed by hand because a CLR record cannot tell "absent" from "null".</summary>
public sealed class UpdateRewardInputType : InputObjectGraphType
{
    public UpdateRewardInputType()
    {
        Name = "UpdateRewardInput";
        Description = "The reward to change and the fields to change; omitted fields stay as they are.";
        Field<NonNullGraphType<IdGraphType>>("rewardId").Description("A live (not archived) reward of the caller's family.");
        Field<StringGraphType>("name").Description($"New name (1 to {RewardLimits.MaxNameLength} characters).");
        Field<StringGraphType>("description").Description("New description; null clears it.");
        Field<IntGraphType>("cost").Description($"New cost ({RewardLimits.MinCost} to {RewardLimits.MaxCost}); redemptions already made keep theirs.");
        Field<IntGraphType>("stock").Description($"How many are left now (0 to {RewardLimits.MaxStock}); null makes it unlimited.");
        Field<BooleanGraphType>("requiresApproval").Description("Whether new redemptions wait for a parent's decision.");
    }

    public override object ParseDictionary(IDictionary<string, object?> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new UpdateRewardInput(
            (string)value["rewardId"]!,
            new RewardEdit(
                Name: value.TryGetValue("name", out var name) ? new Change<string>((string?)name!) : null,
                Description: value.TryGetValue("description", out var description) ? new Change<string?>((string?)description) : null,
                Cost: value.TryGetValue("cost", out var cost) && cost is int c ? new Change<int>(c) : null,
                Stock: value.TryGetValue("stock", out var stock) ? new Change<int?>((int?)stock) : null,
                RequiresApproval: value.TryGetValue("requiresApproval", out var approval) && approval is bool a ? new Change<bool>(a) : null));
    }
}

public sealed class UpdateRewardErrorType() : ErrorUnionGraphType(
    "updateReward", typeof(NotFoundErrorType), typeof(NotAuthorizedErrorType), typeof(ValidationErrorType));

public sealed class UpdateRewardPayloadType() : PayloadGraphType<Reward, RewardGraphType, UpdateRewardErrorType>(
    "updateReward", "reward", "The changed reward.");

public static class UpdateRewardMutation
{
    public static void AddUpdateReward(this ObjectGraphType mutation) =>
        mutation.AddUseCase<UpdateRewardPayloadType, UpdateRewardInputType, UpdateReward, Reward>(
            "updateReward",
            "Changes a live reward: name, description, cost, stock or whether it needs approval. Parents and advisors.",
            UserRole.Parent,
            context =>
            {
                var input = context.Input<UpdateRewardInput>();
                return new UpdateReward(context.RequireUserId(), GlobalId.Decode(input.RewardId, "Reward"), input.Edit);
            });
}
