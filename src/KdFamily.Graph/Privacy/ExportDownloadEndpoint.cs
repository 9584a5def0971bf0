using KdFamily.Application.Pipeline;
using KdFamily.Application.Privacy;
using KdFamily.Graph.Auth;
using NodaTime;

namespace KdFamily.Graph.Privacy;

/// <summary>
/// GET /api/v1/exports/{token}: the signed-in user's data export, built now, as a JSON attachment that no cache keeps.
/// The link must be genuine, unexpired and issued to the caller; another user's link answers as if it were forged.
/// </summary>
internal static class ExportDownloadEndpoint
{
    public const string InvalidCode = "EXPORT_LINK_INVALID";
    public const string ExpiredCode = "EXPORT_LINK_EXPIRED";

    public static void MapKdFamilyExports(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(ExportLinks.PathPrefix + "{token}", HandleAsync)
            .WithTags("Privacy")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone)
            .WithName("DownloadDataExport")
            .WithSummary("Download the caller's data export (Bearer token of the user the link was issued to; the link comes from the exportMyData mutation).");

    private static async Task<IResult> HandleAsync(
        string token, HttpContext http, ExportLinks links, IClock clock, IUseCase<ExportMyData, PersonalDataExport> export, CancellationToken cancellationToken)
    {
        http.Response.Headers.CacheControl = "no-store";
        if (http.User.GetUserId() is not { } userId)
        {
            return AuthProblems.Problem(StatusCodes.Status401Unauthorized, AuthProblems.NotAuthenticated, "Sign in as the user the export link was issued to.");
        }

        var (status, linkUserId) = links.Check(token, clock.GetCurrentInstant());
        if (status == SignedLinkStatus.Invalid || linkUserId != userId)
        {
            return AuthProblems.Problem(StatusCodes.Status404NotFound, InvalidCode, "This export link is not valid.");
        }

        if (status == SignedLinkStatus.Expired)
        {
            return AuthProblems.Problem(StatusCodes.Status410Gone, ExpiredCode, "This export link has expired; ask for a new one with exportMyData.");
        }

        var result = await export.HandleAsync(new ExportMyData(userId), cancellationToken);
        if (result.Value is not { } document)
        {
            return AuthProblems.Problem(StatusCodes.Status404NotFound, InvalidCode, "This export link is not valid.");
        }

        return TypedResults.File(
            System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(document.Document), "application/json; charset=utf-8", document.FileName);
    }
}
