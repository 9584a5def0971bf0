using GraphQL;
using GraphQL.Types;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Data;
using KdFamily.Domain.Notifications;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using KdFamily.Graph.Audit;
using KdFamily.Graph.Auth;
using KdFamily.Graph.LiveUpdates;
using KdFamily.Graph.Schema.Errors;

namespace KdFamily.Graph.Tasks;

public sealed record RejectTaskInput(string TaskId, string Reason);

public sealed class RejectTaskInputType : InputObjectGraphType<RejectTaskInput>
{
    public RejectTaskInputType()
    {
        Name = "RejectTaskInput";
        Description = "The completed task to send back, and why.";
        Field<NonNullGraphType<IdGraphType>>("taskId").Description("A COMPLETED task of the caller's family, not assigned to the caller.");
        Field<NonNullGraphType<StringGraphType>>("reason").Description("What still needs doing; shown to the assignee (required, at most 1000 characters).");
    }
}

public sealed class RejectTaskErrorType() : ErrorUnionGraphType(
    "rejectTask",
    typeof(NotFoundErrorType),
    typeof(NotAuthorizedErrorType),
    typeof(ValidationErrorType),
    typeof(InvalidTransitionErrorType),
    typeof(SelfApprovalErrorType));

public sealed class RejectTaskPayloadType() : PayloadGraphType<FamilyTask, TaskGraphType, RejectTaskErrorType>(
    "rejectTask", "task", "The task, now REJECTED; its assignee can start it again.");

public static class RejectTaskMutation
{
    public static void AddRejectTask(this ObjectGraphType mutation) =>
        mutation.AddTaskMutation<RejectTaskPayloadType, RejectTaskInputType>(
            "rejectTask",
            "A parent or advisor other than the assignee sends COMPLETED work back with a reason; no points are awarded.",
            UserRole.Parent,
            (context, handler) =>
            {
                var input = context.GetArgument<RejectTaskInput>("input");
                var services = context.RequestServices!;
                return handler.RunAsync(
                    context.RequireUserId(),
                    input.TaskId,
                    step => step.Task.Reject(step.Actor, input.Reason, step.Now),
                    (step, _, _) =>
                    {
                        TaskNotifications.Notify(services.GetRequiredService<KdFamilyDbContext>(), services.GetRequiredService<IFamilyEvents>(), step.Task, step.Task.AssignedToId!.Value, NotificationKind.TaskRejected, step.Now);
                        services.GetRequiredService<AuditTrail>().Record(
                            AuditActions.TaskRejected, step.Task.FamilyId, step.Actor.Id, "Task", step.Task.Id,
                            new { assigneeId = step.Task.AssignedToId, reason = step.Task.RejectionReason });
                        return Task.CompletedTask;
                    },
                    context.CancellationToken);
            });
}
