using KdFamily.Domain.Errors;
using KdFamily.Graph.SchemaRoot.Errors;

namespace KdFamily.Graph.ChildAccounts;

public sealed class ChildAccountRestrictedErrorType() : DomainErrorGraphType<ChildAccountRestrictedError>(
    "A child account cannot do this; its PIN, role, e-mail address and family are managed by the family's parents (code CHILD_ACCOUNT_RESTRICTED).");

public sealed class NotChildAccountErrorType() : DomainErrorGraphType<NotChildAccountError>(
    "The account is not a child account: it has an e-mail address and a password, no PIN (code NOT_CHILD_ACCOUNT).");

public sealed class UsernameTakenErrorType() : DomainErrorGraphType<UsernameTakenError>(
    "Another account already uses the username, whatever its case; usernames are unique across all families (code CONFLICT_USERNAME_TAKEN).");

public sealed class FamilyFullErrorType() : DomainErrorGraphType<FamilyFullError>(
    "The family already has as many members as a family can have (code FAMILY_FULL).");
