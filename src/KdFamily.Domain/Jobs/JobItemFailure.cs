namespace KdFamily.Domain.Jobs;

/// <summary>
/// One unit of a background job that failed (a family's settlement, a template's generation) while the job carried
/// on with the others. <see cref="ItemId"/> is the template's id for recurring generation, else null.
/// </summary>
public sealed record JobItemFailure(Guid FamilyId, Guid? ItemId, Exception Exception);
