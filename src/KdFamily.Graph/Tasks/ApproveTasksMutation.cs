using GraphQL.Types;
using GraphQLServer.Limits;
using GraphQLServer.Relay;
using KdFamily.Application.Pipeline;
using KdFamily.Application.Tasks;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.SchemaRoot;
using KdFamily.Graph.SchemaRoot.Errors;

namespace KdFamily.Graph.Tasks;

public sealed record ApproveTasksInput(List<string> TaskIds, int BonusPoints = 0);

public sealed class ApproveTasksInputType : InputObjectGraphType<ApproveTasksInput>
{
    public ApproveTasksInputType()
    {
        Name = "ApproveTasksInput";
        Description = "Completed tasks to approve at once, each with the same bonus.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("taskIds")
            .Description($"COMPLETED tasks of the caller's family, not assigned to the caller; at most {ApproveTasks.MaxTasks}.");
        Field<IntGraphType>("bonusPoints").Description("Extra points for each task's assignee (0 or more), as in `approveTask`.").DefaultValue(0);
    }
}

/// <summary>One task's outcome: the global ID as given, the approved task or the error that stopped its approval.</summary>
public sealed record TaskApprovalResult(string TaskId, FamilyTask? Task, IReadOnlyList<DomainError>? Errors);

public sealed class TaskApprovalResultType : ObjectGraphType<TaskApprovalResult>
{
    public TaskApprovalResultType()
    {
        Name = "TaskApprovalResult";
        Description = "What became of one task of `approveTasks`.";
        Field<NonNullGraphType<IdGraphType>>("taskId").Description("The task's ID, as given in the input.").Resolve(c => c.Source.TaskId);
        Field<TaskGraphType>("task").Description("The task, now APPROVED; null when its approval failed.").Resolve(c => c.Source.Task);
        Field<ListGraphType<NonNullGraphType<ApproveTaskErrorType>>>("errors")
            .Description("Why this task was not approved (the errors of `approveTask`); null when it was.")
            .ListSize(1)
            .Resolve(c => c.Source.Errors);
    }
}

public sealed class ApproveTasksErrorType() : ErrorUnionGraphType("approveTasks", typeof(NotFoundErrorType), typeof(ValidationErrorType));

public sealed class ApproveTasksPayloadType : ObjectGraphType<MutationPayload<IReadOnlyList<TaskApprovalResult>>>
{
    public ApproveTasksPayloadType()
    {
        Name = "ApproveTasksPayload";
        Description = "The result of `approveTasks`.";
        Field<ListGraphType<NonNullGraphType<TaskApprovalResultType>>>("results")
            .Description("One result per given task, in the given order; null when the request as a whole was refused (see `errors`).")
            .ListSize(ApproveTasks.MaxTasks)
            .Resolve(c => c.Source.Value);
        Field<ListGraphType<NonNullGraphType<ApproveTasksErrorType>>>("errors")
            .Description("Why nothing was approved (e.g. more than 50 tasks); null otherwise, even when single tasks failed.")
            .ListSize(1)
            .Resolve(c => c.Source.Errors);
    }
}

public static class ApproveTasksMutation
{
    public static void AddApproveTasks(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<ApproveTasksPayloadType>>("approveTasks")
            .Description(
                $"Approves up to {ApproveTasks.MaxTasks} COMPLETED tasks, each on its own exactly as `approveTask` does (rules, ledger rows, notification, "
                + "audit row, events): one task's failure does not undo the others.")
            .AuthorizeAtLeast(UserRole.Parent)
            .Argument<NonNullGraphType<ApproveTasksInputType>>("input", "Everything this mutation needs, as one input object.")
            .ResolveAsync(async context =>
            {
                var input = context.Input<ApproveTasksInput>();
                var command = new ApproveTasks(context.RequireUserId(), [.. input.TaskIds.Select(id => GlobalId.Decode(id, "Task"))], input.BonusPoints);
                var handler = context.RequestServices!.GetRequiredService<IUseCase<ApproveTasks, IReadOnlyList<TaskApprovalOutcome>>>();
                var result = await handler.HandleAsync(command, context.CancellationToken);
                if (result.Error is { } error)
                {
                    return MutationPayload.Failure<IReadOnlyList<TaskApprovalResult>>(error);
                }

                IReadOnlyList<TaskApprovalResult> results = [.. result.Value!.Select(o => new TaskApprovalResult(
                    input.TaskIds[o.Index], o.Result.Value, o.Result.Error is { } failure ? [failure] : null))];
                return new MutationPayload<IReadOnlyList<TaskApprovalResult>>(results, null);
            });
}
