using GraphQL;
using GraphQL.Types;
using GraphQLServer.DataLoader;
using GraphQLServer.Limits;
using GraphQLServer.Relay;
using GraphQLServer.Scalars;
using KdFamily.Domain.Families;
using KdFamily.Domain.Tasks;
using KdFamily.Graph.Families;
using KdFamily.Graph.TaskTypes;
using KdFamily.Graph.Users;
using NodaTime;

namespace KdFamily.Graph.Tasks;

/// <summary>The `Task` type (named TaskGraphType to keep clear of System.Threading.Tasks and the domain's TaskType).</summary>
public sealed class TaskGraphType : ObjectGraphType<FamilyTask>
{
    public TaskGraphType()
    {
        Name = "Task";
        Description = "A chore of the family, moving through PENDING → IN_PROGRESS → COMPLETED → APPROVED.";
        this.ImplementsNode(t => t.Id);
        Field<NonNullGraphType<StringGraphType>>("title").Description("What to do.").Resolve(c => c.Source.Title);
        Field<StringGraphType>("description").Description("Details.").Resolve(c => c.Source.Description);
        Field<NonNullGraphType<TaskStatusType>>("status").Description("Where the task is in its workflow.").Resolve(c => c.Source.Status);
        Field<NonNullGraphType<TaskPriorityType>>("priority").Description("How urgent it is.").Resolve(c => c.Source.Priority);
        Field<UserType>("assignedTo").Description("Who does it; null while unassigned.")
            .Resolve(c => c.Source.AssignedToId is { } id ? c.DataLoader<UserByIdDataLoader>().LoadAsync(id) : null);
        Field<NonNullGraphType<UserType>>("createdBy").Description("Who created it.")
            .Resolve(c => c.DataLoader<UserByIdDataLoader>().LoadAsync(c.Source.CreatedById));
        Field<UserType>("approvedBy").Description("Who approved it; null until approved.")
            .Resolve(c => c.Source.ApprovedById is { } id ? c.DataLoader<UserByIdDataLoader>().LoadAsync(id) : null);
        Field<NonNullGraphType<IntGraphType>>("points").Description("Points awarded on approval.").Resolve(c => c.Source.Points);
        Field<NonNullGraphType<IntGraphType>>("difficultyLevel").Description($"{TaskLimits.DifficultyRange}.").Resolve(c => c.Source.DifficultyLevel);
        Field<InstantGraphType>("dueDate").Description("When it should be done.").Resolve(c => c.Source.DueDate);
        Field<NonNullGraphType<BooleanGraphType>>("isOverdue")
            .Description("Whether the due date has passed and the task is not done (neither COMPLETED nor APPROVED).")
            .Resolve(c => c.Source.IsOverdueAt(c.RequestServices!.GetRequiredService<IClock>().GetCurrentInstant()));
        Field<IntGraphType>("estimatedMinutes").Description($"Expected effort, {TaskLimits.MinutesRange}.").Resolve(c => c.Source.EstimatedMinutes);
        Field<IntGraphType>("actualMinutes").Description($"Effort reported on completion, {TaskLimits.MinutesRange}.").Resolve(c => c.Source.ActualMinutes);
        Field<InstantGraphType>("startedAt").Description("When work started.").Resolve(c => c.Source.StartedAt);
        Field<InstantGraphType>("completedAt").Description("When the assignee completed it.").Resolve(c => c.Source.CompletedAt);
        Field<InstantGraphType>("approvedAt").Description("When it was approved.").Resolve(c => c.Source.ApprovedAt);
        Field<StringGraphType>("rejectionReason").Description("Why the work was last rejected.").Resolve(c => c.Source.RejectionReason);
        Field<NonNullGraphType<InstantGraphType>>("createdAt").Description("When the task was created.").Resolve(c => c.Source.CreatedAt);
        Field<NonNullGraphType<InstantGraphType>>("updatedAt").Description("When the task last changed.").Resolve(c => c.Source.UpdatedAt);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TaskTransitionType>>>>("transitions")
            .Description($"The task's history from its workflow records, oldest first: its latest `last` steps (at most {TransitionsByTaskIdDataLoader.MaxLast}).")
            .Argument<IntGraphType>("last", a => { a.DefaultValue = 20; a.Description = $"How many of the latest steps (at most {TransitionsByTaskIdDataLoader.MaxLast})."; })
            .ListSize("last", TransitionsByTaskIdDataLoader.MaxLast)
            .Resolve(c => c.DataLoader<TransitionsByTaskIdDataLoader>().LoadAsync(
                new TaskTransitionsKey(c.Source.Id, Math.Clamp(c.GetArgument("last", 20), 0, TransitionsByTaskIdDataLoader.MaxLast))));
        Field<TaskTypeGraphType>("taskType").Description("The task's category; null when it has none (or its type was deleted).")
            .Resolve(c => c.Source.TaskTypeId is { } id
                ? c.DataLoader<TaskTypeByIdDataLoader>().LoadAsync(id).Then(t => t?.FamilyId == c.Source.FamilyId ? t : null)
                : null);
        Field<NonNullGraphType<FamilyType>>("family").Description("The family the task belongs to.")
            .Resolve(c => c.DataLoader<FamilyByIdDataLoader>().LoadAsync(c.Source.FamilyId));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FileType>>>>("attachments")
            .Description($"Files attached to the task (at most {FamilyLimits.MaxAttachmentsPerTask}).")
            .ListSize(FamilyLimits.MaxAttachmentsPerTask)
            .Resolve(c => c.DataLoader<AttachmentsByTaskIdDataLoader>().LoadAsync(c.Source.Id));
    }
}
