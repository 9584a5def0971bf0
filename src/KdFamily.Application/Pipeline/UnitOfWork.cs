using KdFamily.Application.Audit;
using KdFamily.Application.Events;
using KdFamily.Domain.Data;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Users;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace KdFamily.Application.Pipeline;

/// <summary>
/// What a handler's work gets from <see cref="UseCasePipeline"/>: the open transaction's context, the time of the
/// attempt, and the places its effects go. Everything written here commits together or not at all; events recorded
/// here are published only after the commit.
/// </summary>
public class UnitOfWork
{
    private readonly List<(string Constraint, DomainError Error)> _conflicts = [];
    private readonly List<Func<Task>> _afterCommit = [];

    internal UnitOfWork(KdFamilyDbContext db, Instant now, IFamilyEvents events, IRequestOrigin origin)
    {
        Db = db;
        Now = now;
        Events = events;
        Audit = new AuditTrail(db, origin, now);
    }

    public KdFamilyDbContext Db { get; }

    public Instant Now { get; }

    public IFamilyEvents Events { get; }

    public AuditTrail Audit { get; }

    internal IReadOnlyList<Func<Task>> AfterCommitActions => _afterCommit;

    /// <summary>
    /// The typed error to answer when the database refuses the change with a unique violation of
    /// <paramref name="constraint"/>: the race was decided by PostgreSQL, and this caller lost it.
    /// </summary>
    public void OnUniqueViolation(string constraint, DomainError error) => _conflicts.Add((constraint, error));

    /// <summary>
    /// Runs once the transaction has committed (never on rollback), after the events are published: for announcements
    /// outside the database (a user's changed authority), not for further changes, which belong in the unit of work.
    /// </summary>
    public void AfterCommit(Func<Task> action) => _afterCommit.Add(action);

    internal DomainError? ConflictFor(string constraint) =>
        _conflicts.FirstOrDefault(c => c.Constraint == constraint).Error;
}

/// <summary>A unit of work on behalf of a member, loaded fresh for every attempt.</summary>
public sealed class MemberWork : UnitOfWork
{
    internal MemberWork(KdFamilyDbContext db, Instant now, IFamilyEvents events, IRequestOrigin origin, User caller)
        : base(db, now, events, origin)
    {
        Caller = caller;
    }

    /// <summary>The caller as a current member, with the role stored now (not the one their token was issued with).</summary>
    public User Caller { get; }

    /// <summary>A current member of the caller's family; null for a missing id, another family's member or a removed one.</summary>
    public async Task<User?> FindMemberAsync(Guid? userId, CancellationToken cancellationToken) =>
        userId is { } id
            ? await Db.Users.FirstOrDefaultAsync(u => u.Id == id && u.FamilyId == Caller.FamilyId && u.RemovedAt == null, cancellationToken)
            : null;
}
