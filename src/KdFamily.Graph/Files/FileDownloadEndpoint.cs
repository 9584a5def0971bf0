using KdFamily.Application.Files;
using KdFamily.Domain.Data;
using KdFamily.Graph.Auth;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace KdFamily.Graph.Files;

/// <summary>
/// GET /files/{id}?expires=…&amp;signature=…: an attachment's bytes, from the link <c>File.url</c> gives. The link must
/// be genuine and unexpired, and the caller signed in and a current member of the file's family; anything else that
/// is wrong answers as a forged link (no existence oracle).
/// </summary>
internal static class FileDownloadEndpoint
{
    public const string InvalidCode = "FILE_LINK_INVALID";
    public const string ExpiredCode = "FILE_LINK_EXPIRED";

    public static void MapKdFamilyFiles(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(FileLinks.PathPrefix + "{fileId:guid}", HandleAsync)
            .WithTags("Files")
            .Produces(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone)
            .WithName("DownloadFile")
            .WithSummary("Download a task's attachment (Bearer token of a member of its family; the link comes from File.url).");

    private static async Task<IResult> HandleAsync(
        Guid fileId, string? expires, string? signature, HttpContext http, FileLinks links, IClock clock,
        IDbContextFactory<KdFamilyDbContext> dbFactory, IFileStorage storage, CancellationToken cancellationToken)
    {
        http.Response.Headers.CacheControl = "private, no-store";
        if (http.User.GetUserId() is not { } userId)
        {
            return AuthProblems.Problem(StatusCodes.Status401Unauthorized, AuthProblems.NotAuthenticated, "Sign in as a member of the file's family.");
        }

        var status = links.Check(fileId, expires, signature, clock.GetCurrentInstant());
        if (status == SignedLinkStatus.Expired)
        {
            return AuthProblems.Problem(StatusCodes.Status410Gone, ExpiredCode, "This file link has expired; read File.url again for a fresh one.");
        }

        var file = status == SignedLinkStatus.Valid ? await FindAsync(dbFactory, fileId, userId, cancellationToken) : null;
        var content = file?.StorageKey is { } key ? await storage.OpenReadAsync(key, cancellationToken) : null;
        if (content is null)
        {
            return AuthProblems.Problem(StatusCodes.Status404NotFound, InvalidCode, "This file link is not valid.");
        }

        // Served from the API's origin: never sniffed into something else, never a page that runs (sandbox).
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Stream(content, file!.ContentType, file.FileName);
    }

    private static async Task<Domain.Tasks.TaskAttachment?> FindAsync(
        IDbContextFactory<KdFamilyDbContext> dbFactory, Guid fileId, Guid userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.TaskAttachments.AsNoTracking()
            .Where(a => a.Id == fileId)
            .Join(db.Tasks, a => a.TaskId, t => t.Id, (a, t) => new { File = a, t.FamilyId })
            .Where(x => db.Users.Any(u => u.Id == userId && u.FamilyId == x.FamilyId && u.RemovedAt == null))
            .Select(x => x.File)
            .FirstOrDefaultAsync(cancellationToken);
    }
}
