using KdFamily.Application.Pipeline;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Families;
using KdFamily.Domain.Tasks;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Application.TaskTypes;

public sealed record CreateTaskType(Guid CallerId, string Name, string? Icon, int DefaultPoints) : IMemberCommand;

/// <summary>
/// A parent adds a task type to the family: at most <see cref="FamilyLimits.MaxTaskTypes"/> (counted under the family's
/// lock), with a name no live type of the family has.
/// </summary>
public sealed class CreateTaskTypeHandler(UseCasePipeline pipeline) : IUseCase<CreateTaskType, TaskType>
{
    public Task<Result<TaskType>> HandleAsync(CreateTaskType command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return pipeline.RunAsync<TaskType>(command, FamilyLocking.Family, async (work, token) =>
        {
            var familyId = work.Caller.FamilyId;
            if (await work.Db.TaskTypes.CountAsync(t => t.FamilyId == familyId && t.DeletedAt == null, token) >= FamilyLimits.MaxTaskTypes)
            {
                return new ValidationError("name", $"A family can have at most {FamilyLimits.MaxTaskTypes} task types; delete one first.");
            }

            var result = TaskTypeAdministration.Create(work.Caller, command.Name, command.Icon, command.DefaultPoints, work.Now);
            if (result.Value is { } type)
            {
                work.Db.TaskTypes.Add(type);
                work.RefuseTakenName(type);
            }

            return result;
        }, cancellationToken);
    }
}
