using KdFamily.Application.Pipeline;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Families;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Application.Families;

public sealed record RegenerateInviteCode(Guid CallerId, Guid? FamilyId) : IMemberCommand;

/// <summary>An advisor replaces the family's invite code, so codes shared earlier stop working.</summary>
public sealed class RegenerateInviteCodeHandler(UseCasePipeline pipeline) : IUseCase<RegenerateInviteCode, Family>
{

    public Task<Result<Family>> HandleAsync(RegenerateInviteCode command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return pipeline.RunAsync<Family>(command, async (work, token) =>
        {
            var family = command.FamilyId is { } familyId ? await work.Db.Families.FirstOrDefaultAsync(f => f.Id == familyId, token) : null;
            if (family is null)
            {
                return NotFoundError.Of("Family");
            }

            var result = FamilyAdministration.RegenerateInviteCode(family, work.Caller, work.Now);
            if (result.Error is null)
            {
                work.Audit.Record(AuditActions.InviteCodeRegenerated, family.Id, work.Caller.Id, "Family", family.Id);
            }

            return result;
        }, cancellationToken);
    }
}
