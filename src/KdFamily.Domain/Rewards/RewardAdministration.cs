using KdFamily.Domain.Errors;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using NodaTime;

namespace KdFamily.Domain.Rewards;

/// <summary>What a parent writes when adding a reward.</summary>
public sealed record RewardDetails(string Name, string? Description, int Cost, int? Stock, bool RequiresApproval);

/// <summary>What a parent changes on a reward; each null member is left as it is (a present <c>Stock</c> of null means unlimited).</summary>
public sealed record RewardEdit(
    Change<string>? Name = null,
    Change<string?>? Description = null,
    Change<int>? Cost = null,
    Change<int?>? Stock = null,
    Change<bool>? RequiresApproval = null);

/// <summary>Managing a family's rewards: parents and advisors only. Archived rewards are no longer offered and cannot be edited.</summary>
public static class RewardAdministration
{
    public static Result<Reward> Create(User actor, RewardDetails details, Instant now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(details);
        if (RequireParent(actor) is { } denied)
        {
            return denied;
        }

        if ((Name(details.Name) ?? Description(details.Description) ?? Cost(details.Cost) ?? Stock(details.Stock)) is { } invalid)
        {
            return invalid;
        }

        return new Reward
        {
            FamilyId = actor.FamilyId,
            Name = details.Name.Trim(),
            Description = details.Description,
            Cost = details.Cost,
            Stock = details.Stock,
            RequiresApproval = details.RequiresApproval,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    public static Result<Reward> Update(Reward reward, User actor, RewardEdit edit, Instant now)
    {
        ArgumentNullException.ThrowIfNull(reward);
        ArgumentNullException.ThrowIfNull(edit);
        if (Guard(reward, actor) is { } denied)
        {
            return denied;
        }

        if (reward.Archived)
        {
            return new ValidationError("rewardId", "An archived reward cannot be changed.");
        }

        var invalid = (edit.Name is { } n ? Name(n.Value) : null)
            ?? (edit.Description is { } d ? Description(d.Value) : null)
            ?? (edit.Cost is { } c ? Cost(c.Value) : null)
            ?? (edit.Stock is { } s ? Stock(s.Value) : null);
        if (invalid is not null)
        {
            return invalid;
        }

        reward.Name = edit.Name is { } name ? name.Value.Trim() : reward.Name;
        reward.Description = edit.Description is { } description ? description.Value : reward.Description;
        reward.Cost = edit.Cost?.Value ?? reward.Cost;
        reward.Stock = edit.Stock is { } stock ? stock.Value : reward.Stock;
        reward.RequiresApproval = edit.RequiresApproval?.Value ?? reward.RequiresApproval;
        reward.UpdatedAt = now;
        return reward;
    }

    /// <summary>Stops offering the reward; archiving an archived reward changes nothing. Open redemptions can still be decided.</summary>
    public static Result<Reward> Archive(Reward reward, User actor, Instant now)
    {
        ArgumentNullException.ThrowIfNull(reward);
        if (Guard(reward, actor) is { } denied)
        {
            return denied;
        }

        if (!reward.Archived)
        {
            reward.ArchivedAt = now;
            reward.UpdatedAt = now;
        }

        return reward;
    }

    private static DomainError? Guard(Reward reward, User actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return reward.FamilyId != actor.FamilyId || actor.RemovedAt is not null ? NotFoundError.Of("Reward") : RequireParent(actor);
    }

    private static NotAuthorizedError? RequireParent(User actor) =>
        actor.Role < UserRole.Parent ? new NotAuthorizedError("Only parents and advisors manage rewards.") : null;

    private static ValidationError? Name(string? name) =>
        string.IsNullOrWhiteSpace(name) || name.Trim().Length > RewardLimits.MaxNameLength
            ? new("name", $"A name has 1 to {RewardLimits.MaxNameLength} characters.")
            : null;

    private static ValidationError? Description(string? description) =>
        description?.Length > RewardLimits.MaxDescriptionLength
            ? new("description", $"A description has at most {RewardLimits.MaxDescriptionLength} characters.")
            : null;

    private static ValidationError? Cost(int cost) =>
        cost is < RewardLimits.MinCost or > RewardLimits.MaxCost
            ? new("cost", $"cost must be between {RewardLimits.MinCost} and {RewardLimits.MaxCost}.")
            : null;

    private static ValidationError? Stock(int? stock) =>
        stock is < 0 or > RewardLimits.MaxStock
            ? new("stock", $"stock must be between 0 and {RewardLimits.MaxStock}, or null for unlimited.")
            : null;
}
