using KdFamily.Domain.Recurring;
using KdFamily.Domain.Tasks;
using NodaTime;

namespace KdFamily.Domain.Tests.Recurring;

public sealed class RecurringOccurrenceTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 5, 20, 12, 0);

    [Fact]
    public void CreateOccurrence_CopiesTheTemplateAndRecordsACreateTransitionByItsCreator()
    {
        var template = new RecurringTaskTemplate
        {
            FamilyId = Guid.NewGuid(), Title = "Feed the cat", Description = "Wet food", Points = 5, Priority = TaskPriority.High,
            DifficultyLevel = 7, EstimatedMinutes = 10, AssignedToId = Guid.NewGuid(), TaskTypeId = Guid.NewGuid(), CreatedById = Guid.NewGuid(),
        };
        var due = Instant.FromUtc(2026, 5, 20, 16, 0);

        var (task, transition) = FamilyTask.CreateOccurrence(template, new LocalDate(2026, 5, 20), due, assigneeAway: false, Now);

        Assert.Equal((template.FamilyId, template.Id, new LocalDate(2026, 5, 20), FamilyTaskStatus.Pending, due, template.AssignedToId, template.CreatedById),
            (task.FamilyId, task.RecurringTemplateId, task.OccurrenceDate, task.Status, task.DueDate, task.AssignedToId, task.CreatedById));
        Assert.Equal(("Feed the cat", "Wet food", 5, TaskPriority.High, 7, 10, template.TaskTypeId),
            (task.Title, task.Description, task.Points, task.Priority, task.DifficultyLevel, task.EstimatedMinutes, task.TaskTypeId));
        Assert.Equal((task.Id, null, FamilyTaskStatus.Pending, TaskActions.Create, template.CreatedById, Now),
            (transition.TaskId, transition.FromStatus, transition.ToStatus, transition.Action, transition.ActorId, transition.At));
    }

    [Fact]
    public void CreateOccurrence_AssigneeAway_IsUnassignedAndSaysWhy()
    {
        var template = new RecurringTaskTemplate { FamilyId = Guid.NewGuid(), Title = "Feed the cat", AssignedToId = Guid.NewGuid(), CreatedById = Guid.NewGuid() };

        var (task, transition) = FamilyTask.CreateOccurrence(template, new LocalDate(2026, 5, 20), Now, assigneeAway: true, Now);

        Assert.Null(task.AssignedToId);
        Assert.Equal(FamilyTaskStatus.Pending, task.Status);
        Assert.Contains("assignee is away", transition.Note, StringComparison.Ordinal);
    }
}
