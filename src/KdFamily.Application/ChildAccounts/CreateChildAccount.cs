using KdFamily.Application.Auth;
using KdFamily.Application.Pipeline;
using KdFamily.Domain.Audit;
using KdFamily.Domain.ChildAccounts;
using KdFamily.Domain.Errors;
using KdFamily.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Application.ChildAccounts;

public sealed record CreateChildAccount(Guid CallerId, string Username, string FullName, string Pin) : IMemberCommand;

/// <summary>
/// A parent or advisor creates a child account in their family: a MEMBER without an e-mail address who signs in with
/// the username and PIN. The family row is locked while its members are counted, so it never passes its member limit.
/// </summary>
public sealed class CreateChildAccountHandler(UseCasePipeline pipeline, IPasswordHashing passwords) : IUseCase<CreateChildAccount, User>
{
    private const string UsernameIndex = "ix_users_username";

    public async Task<Result<User>> HandleAsync(CreateChildAccount command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (ChildAccount.CheckPin(command.Pin) is { } badPin)
        {
            return badPin;
        }

        // Hashed before the unit of work, which holds a connection and the family's lock (as for passwords).
        var pinHash = passwords.Hash(command.Pin);
        return await pipeline.RunAsync<User>(command, FamilyLocking.Family, async (work, token) =>
        {
            var members = await work.Db.Users.CountAsync(u => u.FamilyId == work.Caller.FamilyId && u.RemovedAt == null, token);
            var created = ChildAccount.Create(work.Caller, members, command.Username, command.FullName, pinHash, work.Now);
            if (created.Value is not { } child)
            {
                return created;
            }

            if (await work.Db.Users.AnyAsync(u => u.Username == child.Username, token))
            {
                return UsernameTaken();
            }

            work.OnUniqueViolation(UsernameIndex, UsernameTaken());
            work.Db.Users.Add(child);
            work.Audit.Record(AuditActions.ChildAccountCreated, child.FamilyId, work.Caller.Id, "User", child.Id, new { username = child.Username });
            work.Events.MemberJoined(child);
            return child;
        }, cancellationToken);
    }

    private static UsernameTakenError UsernameTaken() => new("The username is already taken.");
}
