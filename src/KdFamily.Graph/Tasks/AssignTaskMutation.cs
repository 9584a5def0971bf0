using GraphQL;
using GraphQL.Types;
using KdFamily.Domain.Data;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Notifications;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.LiveUpdates;
using KdFamily.Graph.Schema.Errors;

namespace KdFamily.Graph.Tasks;

public sealed record AssignTaskInput(string TaskId, string UserId);

public sealed class AssignTaskInputType : InputObjectGraphType<AssignTaskInput>
{
    public AssignTaskInputType()
    {
        Name = "AssignTaskInput";
        Description = "The task and who should do it.";
        Field<NonNullGraphType<IdGraphType>>("taskId").Description("A PENDING task of the caller's family.");
        Field<NonNullGraphType<IdGraphType>>("userId").Description("A current member of the caller's family.");
    }
}

public sealed class AssignTaskErrorType() : ErrorUnionGraphType(
    "assignTask", typeof(NotFoundErrorType), typeof(NotAuthorizedErrorType), typeof(InvalidTransitionErrorType));

public sealed class AssignTaskPayloadType() : PayloadGraphType<FamilyTask, TaskGraphType, AssignTaskErrorType>(
    "assignTask", "task", "The task with its new assignee.");

public static class AssignTaskMutation
{
    public static void AddAssignTask(this ObjectGraphType mutation) =>
        mutation.AddTaskMutation<AssignTaskPayloadType, AssignTaskInputType>(
            "assignTask",
            "Assigns or reassigns a PENDING task to a member of the family, who is notified.",
            UserRole.Parent,
            (context, handler) =>
            {
                var input = context.GetArgument<AssignTaskInput>("input");
                var db = context.RequestServices!.GetRequiredService<KdFamilyDbContext>();
                return handler.RunAsync(
                    context.RequireUserId(),
                    input.TaskId,
                    async (step, cancellationToken) =>
                        await handler.LoadMemberAsync(input.UserId, step.Actor.FamilyId, cancellationToken) is { } assignee
                            ? step.Task.Assign(step.Actor, assignee, step.Now)
                            : NotFoundError.Of("User"),
                    (step, _, _) =>
                    {
                        if (step.Task.AssignedToId != step.Actor.Id)
                        {
                            TaskNotifications.Notify(db, context.RequestServices!.GetRequiredService<IFamilyEvents>(), step.Task, step.Task.AssignedToId!.Value, NotificationKind.TaskAssigned, step.Now);
                        }

                        return Task.CompletedTask;
                    },
                    context.CancellationToken);
            });
}
