using KdFamily.Domain.Dates;
using KdFamily.Graph.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NodaTime;

namespace KdFamily.Graph.Maintenance;

/// <summary>The body of <c>POST /api/v1/admin/maintenance</c>.</summary>
public sealed record MaintenanceRequest(string? Message, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt);

/// <summary>
/// <c>POST /api/v1/admin/maintenance</c> with header <c>X-Admin-Key</c>: publishes a <see cref="MaintenanceNotice"/> to
/// every <c>systemMaintenance</c> subscriber. Mapped only when <c>Admin:ApiKey</c> is configured.
/// </summary>
public static class MaintenanceEndpoint
{
    public const string KeyHeader = "X-Admin-Key";

    public static IEndpointRouteBuilder MapKdFamilyAdmin(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (string.IsNullOrEmpty(app.ServiceProvider.GetRequiredService<IOptions<AdminOptions>>().Value.ApiKey))
        {
            return app;
        }

        app.MapPost("/api/v1/admin/maintenance", HandleAsync)
            .WithName("announceMaintenance")
            .WithSummary("Announces maintenance to every systemMaintenance subscriber (operators only: X-Admin-Key).")
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<Accepted<MaintenanceNotice>, ValidationProblem, UnauthorizedHttpResult>> HandleAsync(
        MaintenanceRequest request, HttpContext http, IOptions<AdminOptions> options, ISystemMaintenance maintenance, CancellationToken cancellationToken)
    {
        if (!ApiKeys.Match(http.Request.Headers[KeyHeader].ToString(), options.Value.ApiKey!))
        {
            return TypedResults.Unauthorized();
        }

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Message) || request.Message.Length > 1000 || request.Message.Contains('\0', StringComparison.Ordinal))
        {
            errors["message"] = ["Required, at most 1000 characters, no NUL (U+0000)."];
        }

        if (request.StartsAt is null)
        {
            errors["startsAt"] = ["Required (ISO 8601 with offset)."];
        }
        else if (!SupportedDates.Contains(Instant.FromDateTimeOffset(request.StartsAt.Value)))
        {
            errors["startsAt"] = [$"Must be {SupportedDates.Range}."];
        }
        else if (request.EndsAt is { } end && (end <= request.StartsAt || !SupportedDates.Contains(Instant.FromDateTimeOffset(end))))
        {
            errors["endsAt"] = [$"Must be after startsAt and {SupportedDates.Range}."];
        }

        if (errors.Count > 0)
        {
            return Auth.AuthProblems.Validation(errors);
        }

        var notice = new MaintenanceNotice(request.Message!.Trim(), request.StartsAt!.Value, request.EndsAt);
        await maintenance.AnnounceAsync(notice, cancellationToken);
        return TypedResults.Accepted((string?)null, notice);
    }
}
