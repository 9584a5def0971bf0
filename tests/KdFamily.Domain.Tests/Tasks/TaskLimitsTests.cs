using KdFamily.Domain.Errors;
using KdFamily.Domain.Families;
using KdFamily.Domain.Recurring;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using NodaTime;

namespace KdFamily.Domain.Tests.Tasks;

/// <summary>One-off tasks and recurring templates accept and refuse exactly the same values.</summary>
public sealed class TaskLimitsTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 5, 20, 12, 0);
    private static readonly Family Family = new() { Name = "Limits", TimeZone = "UTC", InviteCode = "LIMITS" };
    private static readonly User Parent = TestUsers.Create(Family, UserRole.Parent, "parent");

    [Theory]
    [InlineData(TaskLimits.MinDifficulty, null)]
    [InlineData(5, 0)]
    [InlineData(TaskLimits.MaxDifficulty, TaskLimits.MaxMinutes)]
    public void TaskAndTemplate_WithinTheLimits_AreBothAccepted(int difficulty, int? minutes)
    {
        Assert.True(CreateTask(difficulty, minutes).IsSuccess);
        Assert.True(CreateTemplate(difficulty, minutes).IsSuccess);
    }

    [Theory]
    [InlineData(TaskLimits.MinDifficulty - 1, null, "difficultyLevel")]
    [InlineData(TaskLimits.MaxDifficulty + 1, null, "difficultyLevel")]
    [InlineData(1, -1, "estimatedMinutes")]
    [InlineData(1, TaskLimits.MaxMinutes + 1, "estimatedMinutes")]
    public void TaskAndTemplate_OutsideTheLimits_AreTheSameValidationError(int difficulty, int? minutes, string field)
    {
        var taskError = Assert.IsType<ValidationError>(CreateTask(difficulty, minutes).Error);
        var templateError = Assert.IsType<ValidationError>(CreateTemplate(difficulty, minutes).Error);

        Assert.Equal((field, taskError.Message), (templateError.Field, templateError.Message));
        Assert.Equal(field, taskError.Field);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(TaskLimits.MaxMinutes + 1)]
    public void Complete_WithActualMinutesOutsideTheLimits_IsAValidationError(int minutes)
    {
        var kid = TestUsers.Create(Family, UserRole.Member, "kid");
        var task = new FamilyTask { FamilyId = Family.Id, Title = "Dishes", Status = Domain.Tasks.FamilyTaskStatus.InProgress, AssignedToId = kid.Id };

        Assert.Equal("actualMinutes", Assert.IsType<ValidationError>(task.Complete(kid, minutes, Now).Error).Field);
    }

    private static Result<TaskCreation> CreateTask(int difficulty, int? minutes) =>
        FamilyTask.Create(Parent, new TaskDetails("Dishes", null, 5, null, DifficultyLevel: difficulty, EstimatedMinutes: minutes), null, Now);

    private static Result<RecurringTaskTemplate> CreateTemplate(int difficulty, int? minutes) =>
        RecurringTaskEditor.Create(Parent, new RecurringTaskDraft("Dishes", null, 5, TaskPriority.Medium, difficulty, minutes,
            RecurrenceFrequency.Daily, 1, [], null, new LocalDate(2026, 5, 21), new LocalTime(18, 0)), null, Now);
}
