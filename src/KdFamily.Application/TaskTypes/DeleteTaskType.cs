using KdFamily.Application.Pipeline;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Tasks;

namespace KdFamily.Application.TaskTypes;

public sealed record DeleteTaskType(Guid CallerId, Guid? TaskTypeId) : IMemberCommand;

/// <summary>A parent soft-deletes a task type: it leaves the family's list; tasks that used it keep their history.</summary>
public sealed class DeleteTaskTypeHandler(UseCasePipeline pipeline) : IUseCase<DeleteTaskType, TaskType>
{
    public Task<Result<TaskType>> HandleAsync(DeleteTaskType command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return pipeline.RunAsync<TaskType>(command, async (work, token) =>
            await work.FindTaskTypeAsync(command.TaskTypeId, token) is { } type
                ? TaskTypeAdministration.Delete(type, work.Caller, work.Now)
                : TaskTypeWork.TaskTypeNotFound(), cancellationToken);
    }
}
