using GraphQL;
using GraphQL.Types;
using GraphQLServer.Scalars;
using KdFamily.Domain.Data;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Notifications;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using KdFamily.Graph.Auth;
using KdFamily.Graph.LiveUpdates;
using KdFamily.Graph.Schema.Errors;
using NodaTime;

namespace KdFamily.Graph.Tasks;

public sealed record CreateTaskInput(
    string Title,
    string? Description,
    int Points,
    string? AssignedToId,
    Instant? DueDate,
    TaskPriority Priority = TaskPriority.Medium,
    int DifficultyLevel = 1,
    int? EstimatedMinutes = null);

public sealed class CreateTaskInputType : InputObjectGraphType<CreateTaskInput>
{
    public CreateTaskInputType()
    {
        Name = "CreateTaskInput";
        Description = "A new task for the caller's family.";
        Field<NonNullGraphType<StringGraphType>>("title").Description("What to do (1–200 characters).");
        Field<StringGraphType>("description").Description("Details (at most 4000 characters).");
        Field<NonNullGraphType<IntGraphType>>("points").Description("Points awarded on approval (0–10000).");
        Field<IdGraphType>("assignedToId").Description("Who should do it; omit to leave the task open for a claim.");
        Field<InstantGraphType>("dueDate").Description("When it should be done.");
        Field<TaskPriorityType>("priority").Description("How urgent it is.").DefaultValue(TaskPriority.Medium);
        Field<IntGraphType>("difficultyLevel").Description("1 (easy) to 10.").DefaultValue(1);
        Field<IntGraphType>("estimatedMinutes").Description("Expected effort in minutes.");
    }
}

public sealed class CreateTaskErrorType() : ErrorUnionGraphType(
    "createTask", typeof(NotFoundErrorType), typeof(NotAuthorizedErrorType), typeof(ValidationErrorType));

public sealed class CreateTaskPayloadType() : PayloadGraphType<FamilyTask, TaskGraphType, CreateTaskErrorType>(
    "createTask", "task", "The new PENDING task.");

public static class CreateTaskMutation
{
    public static void AddCreateTask(this ObjectGraphType mutation) =>
        mutation.AddTaskMutation<CreateTaskPayloadType, CreateTaskInputType>(
            "createTask",
            "Creates a PENDING task in the caller's family, optionally assigned to a member (who is notified).",
            UserRole.Parent,
            async (context, handler) =>
            {
                var input = context.GetArgument<CreateTaskInput>("input");
                var services = context.RequestServices!;
                var db = services.GetRequiredService<KdFamilyDbContext>();
                var events = services.GetRequiredService<IFamilyEvents>();
                var cancellationToken = context.CancellationToken;
                var actor = await handler.LoadActorAsync(context.RequireUserId(), cancellationToken);
                if (actor is null)
                {
                    return NotFoundError.Of("Family");
                }

                User? assignee = null;
                if (input.AssignedToId is not null
                    && (assignee = await handler.LoadMemberAsync(input.AssignedToId, actor.FamilyId, cancellationToken)) is null)
                {
                    return NotFoundError.Of("User");
                }

                var now = services.GetRequiredService<IClock>().GetCurrentInstant();
                var details = new TaskDetails(
                    input.Title, input.Description, input.Points, input.DueDate, input.Priority, input.DifficultyLevel, input.EstimatedMinutes);
                var result = FamilyTask.Create(actor, details, assignee, now);
                if (result.Value is not { } created)
                {
                    return result.Error!;
                }

                db.Tasks.Add(created.Task);
                db.TaskTransitions.Add(created.Transition);
                if (assignee is not null && assignee.Id != actor.Id)
                {
                    TaskNotifications.Notify(db, events, created.Task, assignee.Id, NotificationKind.TaskAssigned, now);
                }

                await db.SaveChangesAsync(cancellationToken);
                events.TaskCreated(created.Task);
                return created.Task;
            });
}
