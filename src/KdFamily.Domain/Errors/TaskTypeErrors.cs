namespace KdFamily.Domain.Errors;

/// <summary>The family already has a task type with this name.</summary>
public sealed record TaskTypeNameTakenError(string Message) : DomainError(ErrorCodes.TaskTypeNameTaken, Message);
