using KdFamily.Application.Pipeline;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Recurring;

namespace KdFamily.Application.Recurring;

public sealed record PauseRecurringTask(Guid CallerId, Guid? TemplateId, bool Paused) : IMemberCommand;

/// <summary>
/// A parent pauses a recurring task (no new instances) or resumes it, audited; a resume creates, in the same transaction,
/// the next instance due in the future, skipping the occurrences that fell into the pause.
/// </summary>
public sealed class PauseRecurringTaskHandler(UseCasePipeline pipeline) : IUseCase<PauseRecurringTask, RecurringTaskTemplate>
{
    public Task<Result<RecurringTaskTemplate>> HandleAsync(PauseRecurringTask command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return pipeline.RunAsync<RecurringTaskTemplate>(command, async (work, token) =>
        {
            if (await work.FindRecurringTaskAsync(command.TemplateId, token) is not { } template)
            {
                return RecurringTaskWork.RecurringTaskNotFound();
            }

            var result = RecurringTaskEditor.SetPaused(template, work.Caller, command.Paused);
            if (result.IsSuccess)
            {
                work.AuditRecurringTask(command.Paused ? AuditActions.RecurringTaskPaused : AuditActions.RecurringTaskResumed, template);
                if (!command.Paused)
                {
                    await work.GenerateNextInstanceAsync(template, token);
                }
            }

            return result;
        }, cancellationToken);
    }
}
