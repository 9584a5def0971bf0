using KdFamily.Domain.Errors;

namespace KdFamily.Application.Pipeline;

/// <summary>
/// One use case: a command in, the changed object or the typed error that stopped it out. Every handler runs its work
/// through <see cref="UseCasePipeline"/>, so each change is loaded, checked, written and announced the same way.
/// </summary>
public interface IUseCase<in TCommand, TResult>
{
    Task<Result<TResult>> HandleAsync(TCommand command, CancellationToken cancellationToken);
}

/// <summary>A command made by a signed-in member of a family (the id comes from their verified session).</summary>
public interface IMemberCommand
{
    Guid CallerId { get; }
}
