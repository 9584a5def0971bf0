using KdFamily.Application.Pipeline;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Tasks;

namespace KdFamily.Application.TaskTypes;

/// <summary>Null fields keep their value; an empty icon removes it.</summary>
public sealed record UpdateTaskType(Guid CallerId, Guid? TaskTypeId, string? Name, string? Icon, int? DefaultPoints) : IMemberCommand;

/// <summary>A parent renames a task type (to a name no other live type of the family has) or changes its icon or default points.</summary>
public sealed class UpdateTaskTypeHandler(UseCasePipeline pipeline) : IUseCase<UpdateTaskType, TaskType>
{
    public Task<Result<TaskType>> HandleAsync(UpdateTaskType command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return pipeline.RunAsync<TaskType>(command, async (work, token) =>
        {
            if (await work.FindTaskTypeAsync(command.TaskTypeId, token) is not { } type)
            {
                return TaskTypeWork.TaskTypeNotFound();
            }

            var result = TaskTypeAdministration.Update(type, work.Caller, command.Name, command.Icon, command.DefaultPoints);
            if (result.IsSuccess)
            {
                work.RefuseTakenName(type);
            }

            return result;
        }, cancellationToken);
    }
}
