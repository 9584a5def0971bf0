using KdFamily.Application.Audit;
using KdFamily.Application.Auth;
using KdFamily.Application.Files;
using KdFamily.Application.Pipeline;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Data;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Privacy;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Application.Privacy;

public sealed record DeleteFamily(Guid CallerId, string ConfirmName) : IMemberCommand;

/// <summary>The family that was deleted.</summary>
public sealed record DeletedFamily(Guid FamilyId);

/// <summary>
/// An advisor deletes the whole family, confirmed by typing its name (<see cref="FamilyErasure.Refusal"/>): the family,
/// every member's account and everything of theirs are deleted, not pseudonymised, since no one remains whose history
/// needs them. One audit row survives, <c>family.deleted</c>, written after the family's own audit rows were deleted:
/// the ids of the family and the advisor (pointing at nothing any more), when, and how much went; no names, addresses
/// or IP addresses. Every member's sessions end with their rows. A repeated deletion answers the same success.
/// </summary>
public sealed class DeleteFamilyHandler(UseCasePipeline pipeline, KdFamilyDbContext db, ISessionChanges sessionChanges, IFileStorage storage)
    : IUseCase<DeleteFamily, DeletedFamily>
{
    public async Task<Result<DeletedFamily>> HandleAsync(DeleteFamily command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var familyId = await db.Users.AsNoTracking().Where(u => u.Id == command.CallerId).Select(u => (Guid?)u.FamilyId).FirstOrDefaultAsync(cancellationToken);
        var result = await pipeline.RunAsync<DeletedFamily>(command, FamilyLocking.Family, async (work, token) =>
        {
            var family = await work.Db.Families.SingleAsync(f => f.Id == work.Caller.FamilyId, token);
            if (FamilyErasure.Refusal(family, work.Caller, command.ConfirmName) is { } refused)
            {
                return refused;
            }

            var memberIds = await work.Db.Users.Where(u => u.FamilyId == family.Id).Select(u => u.Id).ToListAsync(token);
            StoredFiles.DeleteAfterCommit(work, storage, await PersonalDataErasure.StoredFilesAsync(work.Db, memberIds, family.Id, token));
            var counts = await PersonalDataErasure.DeleteFamilyAsync(work.Db, family.Id, token);
            work.Db.AuditLog.Add(AuditTrail.Entry(
                NoRequestOrigin.Instance, work.Now, AuditActions.FamilyDeleted, family.Id, work.Caller.Id, "Family", family.Id,
                new { reason = "deleted_by_advisor", counts.Members, counts.Tasks, counts.LedgerRows }));
            foreach (var memberId in memberIds)
            {
                work.AfterCommit(() => sessionChanges.AnnounceAsync(memberId));
            }

            return new DeletedFamily(family.Id);
        }, cancellationToken);

        // A concurrent deletion of the same family won the lock: the family is gone, which is what was asked.
        return result.Error is NotFoundError && familyId is { } id && !await db.Families.AsNoTracking().AnyAsync(f => f.Id == id, cancellationToken)
            ? new DeletedFamily(id)
            : result;
    }
}
