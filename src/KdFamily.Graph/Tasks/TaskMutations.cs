using GraphQL;
using GraphQL.Types;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.LiveUpdates;
using KdFamily.Graph.Schema.Errors;

namespace KdFamily.Graph.Tasks;

public static class TaskMutations
{
    public static void AddTaskMutations(this ObjectGraphType mutation)
    {
        mutation.AddCreateTask();
        mutation.AddUpdateTask();
        mutation.AddDeleteTask();
        mutation.AddAssignTask();
        mutation.AddClaimTask();
        mutation.AddStartTask();
        mutation.AddCompleteTask();
        mutation.AddApproveTask();
        mutation.AddRejectTask();
    }

    /// <summary>
    /// A task mutation field: one <c>input</c>, the role minimum, and a resolver that returns the domain result. On
    /// success (the resolver committed) the events it recorded in <see cref="IFamilyEvents"/> are published.
    /// </summary>
    internal static void AddTaskMutation<TPayloadType, TInputType>(
        this ObjectGraphType mutation,
        string name,
        string description,
        UserRole minimum,
        Func<IResolveFieldContext, TaskWorkflowHandler, Task<Result<FamilyTask>>> resolve)
        where TPayloadType : IGraphType
        where TInputType : IInputObjectGraphType
    {
        mutation.Field<NonNullGraphType<TPayloadType>>(name)
            .Description(description)
            .AuthorizeAtLeast(minimum)
            .Argument<NonNullGraphType<TInputType>>("input", "Everything this mutation needs, as one input object.")
            .ResolveAsync(async context =>
            {
                var handler = context.RequestServices!.GetRequiredService<TaskWorkflowHandler>();
                var events = context.RequestServices!.GetRequiredService<IFamilyEvents>();
                var result = await resolve(context, handler);

                // Only a committed change is announced; a typed error means nothing was written.
                if (result.Error is null)
                {
                    await events.PublishAsync();
                }
                else
                {
                    events.Discard();
                }

                return MutationPayload.From(result);
            });
    }
}
