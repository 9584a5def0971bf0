using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.FileProviders;

namespace GraphQLServer.BananaCakePop;

/// <summary>
/// Serves the IDE's own documents under <c>{path}/</c>: the browser redirect from <c>{path}</c> (Accept text/html,
/// and no GraphQL GET parameters), <c>index.html</c>, <c>bcp-config.json</c> and the package's <c>LICENSE</c>.
/// The hashed assets under <c>{path}/static/</c> are served by the static-files middleware behind this one.
/// </summary>
public sealed class BananaCakePopMiddleware
{
    private static readonly string[] GraphQLGetParameters = ["query", "extensions", "sdl", "operationName", "variables"];
    private static readonly JsonSerializerOptions ConfigJson = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private readonly RequestDelegate _next;
    private readonly PathString _path;
    private readonly IFileProvider _files;
    private readonly byte[] _config;

    public BananaCakePopMiddleware(RequestDelegate next, PathString path, IFileProvider files, BananaCakePopOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _next = next;
        _path = path;
        _files = files;
        _config = JsonSerializer.SerializeToUtf8Bytes(new BananaCakePopConfig(
            options.Title,
            options.GraphQLEndpoint ?? path.Value!,
            options.UseBrowserUrlAsEndpoint,
            options.DisableTelemetry,
            options.IncludeCookies), ConfigJson);
    }

    public Task InvokeAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var request = http.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return _next(http);
        }

        if (request.Path.Equals(_path, StringComparison.OrdinalIgnoreCase) && !request.Path.Value!.EndsWith('/'))
        {
            return IsBrowserNavigation(request) ? RedirectToIde(http) : _next(http);
        }

        if (!request.Path.StartsWithSegments(_path, StringComparison.OrdinalIgnoreCase, out var rest))
        {
            return _next(http);
        }

        return rest.Value switch
        {
            "/" or "/index.html" => SendFileAsync(http, "index.html", "text/html; charset=utf-8"),
            "/LICENSE" => SendFileAsync(http, "LICENSE", "text/plain; charset=utf-8"),
            "/bcp-config.json" => SendConfigAsync(http),
            _ => _next(http),
        };
    }

    /// <summary>A browser opening the endpoint (HTML acceptable) without GraphQL GET parameters.</summary>
    private static bool IsBrowserNavigation(HttpRequest request) =>
        request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true)
        && !GraphQLGetParameters.Any(request.Query.ContainsKey);

    /// <summary>301 to the trailing-slash URL, so the IDE's relative asset paths resolve under it.</summary>
    private Task RedirectToIde(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status301MovedPermanently;
        http.Response.Headers.Location = http.Request.PathBase + _path + "/" + http.Request.QueryString;
        return Task.CompletedTask;
    }

    private async Task SendFileAsync(HttpContext http, string name, string contentType)
    {
        var file = _files.GetFileInfo(name);
        if (!file.Exists)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync($"Banana Cake Pop's {name} is missing from the IDE's files directory (BananaCakePopOptions.FilesDirectory): build the host project, which copies them there.", http.RequestAborted);
            return;
        }

        http.Response.ContentType = contentType;
        http.Response.ContentLength = file.Length;
        http.Response.Headers.CacheControl = "no-cache";
        if (HttpMethods.IsGet(http.Request.Method))
        {
            await http.Response.SendFileAsync(file, http.RequestAborted);
        }
    }

    private async Task SendConfigAsync(HttpContext http)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.ContentLength = _config.Length;
        http.Response.Headers.CacheControl = "no-cache";
        if (HttpMethods.IsGet(http.Request.Method))
        {
            await http.Response.Body.WriteAsync(_config, http.RequestAborted);
        }
    }

    private sealed record BananaCakePopConfig(
        string Title,
        string Endpoint,
        bool UseBrowserUrlAsEndpoint,
        bool DisableTelemetry,
        bool IncludeCookies);
}
