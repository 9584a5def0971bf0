using GraphQL.Types;
using GraphQLServer.DataLoader;
using GraphQLServer.Scalars;
using KdFamily.Domain.Tasks;
using KdFamily.Graph.Users;

namespace KdFamily.Graph.Tasks;

public sealed class TaskTransitionType : ObjectGraphType<TaskTransition>
{
    public TaskTransitionType()
    {
        Name = "TaskTransition";
        Description = "One step of a task's history: who did what, from which status to which, and when.";
        Field<NonNullGraphType<TaskActionType>>("action").Description("What was done.").Resolve(c => c.Source.Action);
        Field<TaskStatusType>("from").Description("The status before the step; null for the creation.").Resolve(c => c.Source.FromStatus);
        Field<NonNullGraphType<TaskStatusType>>("to").Description("The status after the step.").Resolve(c => c.Source.ToStatus);
        Field<UserType>("actor").Description("Who did it (also shown after leaving the family).")
            .Resolve(c => c.DataLoader<UserByIdDataLoader>().LoadAsync(c.Source.ActorId));
        Field<StringGraphType>("note").Description("A remark recorded with the step, e.g. the rejection reason.").Resolve(c => c.Source.Note);
        Field<NonNullGraphType<InstantGraphType>>("at").Description("When it happened.").Resolve(c => c.Source.At);
    }
}
