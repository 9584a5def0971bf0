namespace KdFamily.Domain.Errors;

/// <summary>The family already has as many members as a family can have.</summary>
public sealed record FamilyFullError(string Message) : DomainError("FAMILY_FULL", Message);
