using KdFamily.Application.Pipeline;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Errors;

namespace KdFamily.Application.Privacy;

public sealed record RequestDataExport(Guid CallerId) : IMemberCommand;

/// <summary>
/// A member asks for a copy of their data: they get a short-lived link signed for them alone (<see cref="IExportLinks"/>);
/// the document itself is built when the link is opened (<see cref="ExportMyDataHandler"/>). Audited.
/// </summary>
public sealed class RequestDataExportHandler(UseCasePipeline pipeline, IExportLinks links) : IUseCase<RequestDataExport, ExportLink>
{
    public Task<Result<ExportLink>> HandleAsync(RequestDataExport command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return pipeline.RunAsync<ExportLink>(command, (work, _) =>
        {
            var link = links.Issue(work.Caller.Id, work.Now);
            work.Audit.RecordAccount(AuditActions.DataExportRequested, work.Caller, new { expiresAt = link.ExpiresAt.ToString() });
            return Task.FromResult<Result<ExportLink>>(link);
        }, cancellationToken);
    }
}
