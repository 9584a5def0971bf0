using GraphQL.Types;
using GraphQLServer.DataLoader;
using GraphQLServer.Relay;
using GraphQLServer.Scalars;
using KdFamily.Domain.Points;
using KdFamily.Graph.Tasks;
using KdFamily.Graph.Users;

namespace KdFamily.Graph.Points;

public sealed class PointsTransactionType : ObjectGraphType<PointsTransaction>
{
    public PointsTransactionType()
    {
        Name = "PointsTransaction";
        Description = "A row of the points ledger: every change of a member's points.";
        this.ImplementsNode(p => p.Id);
        Field<NonNullGraphType<UserType>>("user").Description("Whose points changed.")
            .Resolve(c => c.DataLoader<UserByIdDataLoader>().LoadAsync(c.Source.UserId));
        Field<NonNullGraphType<IntGraphType>>("points").Description("The change: positive when awarded, negative when deducted.")
            .Resolve(c => c.Source.Delta);
        Field<NonNullGraphType<IntGraphType>>("balanceAfter").Description("The member's total after this change.").Resolve(c => c.Source.BalanceAfter);
        Field<NonNullGraphType<StringGraphType>>("reason").Description("Why the points changed.").Resolve(c => c.Source.Reason);
        Field<NonNullGraphType<FloatGraphType>>("multiplier").Description("Multiplier applied to the base points.").Resolve(c => (double)c.Source.Multiplier);
        Field<NonNullGraphType<StringGraphType>>("bonusType").Description("Kind of change, e.g. task, approval_bonus, manual, achievement.")
            .Resolve(c => c.Source.BonusType)
            .DeprecationReason("Use `kind`, an enum.");
        Field<NonNullGraphType<PointsChangeKindType>>("kind").Description("What the change is for.").Resolve(c => c.Source.BonusType);
        Field<UserType>("awardedBy").Description("Who awarded or deducted the points; null for automatic awards.")
            .Resolve(c => c.Source.AwardedById is { } id ? c.DataLoader<UserByIdDataLoader>().LoadAsync(id) : null);
        Field<TaskGraphType>("task").Description("The task the points were for, if any (null once the task is deleted).")
            .Resolve(c => c.Source.TaskId is { } id ? c.DataLoader<TaskByIdDataLoader>().LoadAsync(id) : null);
        Field<NonNullGraphType<InstantGraphType>>("createdAt").Description("When the change was recorded.").Resolve(c => c.Source.CreatedAt);
    }
}
