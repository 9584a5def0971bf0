using KdFamily.Application.Pipeline;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Recurring;
using KdFamily.Domain.Tasks;

namespace KdFamily.Application.Recurring;

/// <summary>One template's next instance to create (a unit of the recurring-task job).</summary>
public sealed record GenerateRecurringTask(Guid TemplateId);

/// <summary>
/// Nothing to create now: the template is paused, deleted or still has an open instance, or its next occurrence exists
/// already (created by another generator right now).
/// </summary>
public sealed record NoInstanceDueError() : DomainError("NO_INSTANCE_DUE", "This recurring task has no instance to create now.");

/// <summary>Creates a template's next instance if one is due, in its own unit of work; the new task is announced after the commit.</summary>
public sealed class GenerateRecurringTaskHandler(UseCasePipeline pipeline) : IUseCase<GenerateRecurringTask, FamilyTask>
{
    public Task<Result<FamilyTask>> HandleAsync(GenerateRecurringTask command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return pipeline.RunAsync<FamilyTask>(async (work, token) =>
        {
            work.OnUniqueViolation(RecurringTaskGenerator.OccurrenceIndex, new NoInstanceDueError());
            if (await RecurringTaskGenerator.GenerateNextAsync(work.Db, command.TemplateId, work.Now, token) is not { } task)
            {
                return new NoInstanceDueError();
            }

            work.Events.TaskCreated(task);
            return task;
        }, cancellationToken);
    }
}
