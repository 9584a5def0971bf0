using NodaTime;

namespace KdFamily.Application.Privacy;

/// <summary>A download link of one user's data export: signed by the host, valid until <see cref="ExpiresAt"/>.</summary>
public sealed record ExportLink(string Url, Instant ExpiresAt);

/// <summary>
/// The host's signed export links. A link names its user and its expiry and carries nothing else: the document is
/// built from the current data when it is downloaded, so no export is ever stored.
/// </summary>
public interface IExportLinks
{
    ExportLink Issue(Guid userId, Instant now);
}
