using GraphQL.Types;
using GraphQLServer.Relay;
using KdFamily.Domain.Tasks;
using KdFamily.Graph.Families;
using KdFamily.Graph.LiveUpdates;

namespace KdFamily.Graph.Tasks;

public static class TaskSubscriptions
{
    public static void AddTaskSubscriptions(this ObjectGraphType subscription)
    {
        subscription.AddTaskEvent("taskCreated", Topics.TaskCreated, "A task was created in the family (by a parent, or by a recurring template).");
        subscription.AddTaskEvent("taskAssigned", Topics.TaskAssigned, "A task was assigned to, or claimed by, a member.");
        subscription.AddTaskEvent("taskCompleted", Topics.TaskCompleted, "A member completed a task; it awaits approval.");
        subscription.AddTaskEvent("taskApproved", Topics.TaskApproved, "A task was approved and its points awarded.");
        subscription.AddTaskEvent("taskUpdated", Topics.TaskUpdated, "Any change to one of the family's tasks (created, assigned, started, completed, approved, rejected, edited).");
        subscription.AddFamilySubscription<IdGraphType, TaskEvent, string>(
            "taskDeleted",
            Topics.TaskDeleted,
            "A task was deleted: its ID, so lists can drop it (a deleted task cannot be loaded any more).",
            (_, familyId) => (_, e, _) => Task.FromResult<string?>(e.FamilyId == familyId ? GlobalId.Encode("Task", e.TaskId) : null))
            .DeprecationReason = "Use `familyTaskDeleted`: it also sends the family, so a normalized cache drops the task from the lists it holds.";
        subscription.AddFamilySubscription<TaskDeletionType, TaskEvent, TaskDeletion>(
            "familyTaskDeleted",
            Topics.TaskDeleted,
            "A task was deleted: its ID, and the family with its lists as they are now.",
            (_, familyId) => async (loaders, e, cancellationToken) =>
                e.FamilyId == familyId && await loaders.GetLoader<FamilyByIdDataLoader>().LoadAsync(familyId).GetResultAsync(cancellationToken) is { } family
                    ? new TaskDeletion(e.TaskId, family)
                    : null);
    }

    private static void AddTaskEvent(this ObjectGraphType subscription, string name, string topic, string description) =>
        subscription.AddFamilySubscription<TaskGraphType, TaskEvent, FamilyTask>(
            name,
            topic,
            description + " The task as it is when the event is delivered.",
            (_, familyId) => async (loaders, e, cancellationToken) =>
                await loaders.GetLoader<TaskByIdDataLoader>().LoadAsync(e.TaskId).GetResultAsync(cancellationToken) is { } task && task.FamilyId == familyId
                    ? task
                    : null);
}
