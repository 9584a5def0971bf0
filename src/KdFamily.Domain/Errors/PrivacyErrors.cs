namespace KdFamily.Domain.Errors;

/// <summary>The name typed to confirm a family's deletion is not the family's name.</summary>
public sealed record FamilyNameMismatchError(string Message) : DomainError(ErrorCodes.FamilyNameMismatch, Message);
