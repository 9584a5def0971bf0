using KdFamily.Application.Pipeline;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Recurring;

namespace KdFamily.Application.Recurring;

public sealed record DeleteRecurringTask(Guid CallerId, Guid? TemplateId) : IMemberCommand;

/// <summary>A parent soft-deletes a recurring task, audited: no further instances; those created already stay ordinary tasks.</summary>
public sealed class DeleteRecurringTaskHandler(UseCasePipeline pipeline) : IUseCase<DeleteRecurringTask, RecurringTaskTemplate>
{
    public Task<Result<RecurringTaskTemplate>> HandleAsync(DeleteRecurringTask command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return pipeline.RunAsync<RecurringTaskTemplate>(command, async (work, token) =>
        {
            if (await work.FindRecurringTaskAsync(command.TemplateId, token) is not { } template)
            {
                return RecurringTaskWork.RecurringTaskNotFound();
            }

            var result = RecurringTaskEditor.Delete(template, work.Caller, work.Now);
            if (result.IsSuccess)
            {
                work.AuditRecurringTask(AuditActions.RecurringTaskDeleted, template);
            }

            return result;
        }, cancellationToken);
    }
}
