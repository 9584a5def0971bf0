using NodaTime;

namespace KdFamily.Domain.Errors;

/// <summary>A child account tried something only a parent may do for it (its PIN, role, e-mail address or family).</summary>
public sealed record ChildAccountRestrictedError(string Message) : DomainError(ErrorCodes.ChildAccountRestricted, Message);

/// <summary>The account is an ordinary one (e-mail and password), not a child account with a PIN.</summary>
public sealed record NotChildAccountError(string Message) : DomainError(ErrorCodes.NotChildAccount, Message);

/// <summary>The child account's sign-in is locked after too many wrong PINs, until <see cref="LockedUntil"/> or a parent unlocks it.</summary>
public sealed record AccountLockedError(string Message, Instant LockedUntil) : DomainError(ErrorCodes.AccountLocked, Message);
