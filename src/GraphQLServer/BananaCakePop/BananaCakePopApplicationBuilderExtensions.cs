using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace GraphQLServer.BananaCakePop;

public static class BananaCakePopApplicationBuilderExtensions
{
    /// <summary>
    /// Serves the self-hosted Banana Cake Pop IDE at <paramref name="path"/>/: a browser opening
    /// <paramref name="path"/> is redirected there, while GraphQL requests to <paramref name="path"/> pass through.
    /// Everything is served locally (no CDN), so the IDE works offline.
    /// </summary>
    public static IApplicationBuilder UseBananaCakePop(this IApplicationBuilder app, PathString path, Action<BananaCakePopOptions>? configure = null)
    {
        var options = new BananaCakePopOptions();
        configure?.Invoke(options);
        return app.UseBananaCakePop(path, options);
    }

    internal static IApplicationBuilder UseBananaCakePop(this IApplicationBuilder app, PathString path, BananaCakePopOptions options)
    {
        ArgumentNullException.ThrowIfNull(app);
        IFileProvider files = Directory.Exists(options.FilesDirectory)
            ? new PhysicalFileProvider(options.FilesDirectory)
            : new NullFileProvider();

        return app.UseWhen(
            http => http.Request.Path.StartsWithSegments(path, StringComparison.OrdinalIgnoreCase),
            branch => branch
                .UseMiddleware<BananaCakePopMiddleware>(path, files, options)
                .UseStaticFiles(new StaticFileOptions
                {
                    RequestPath = path,
                    FileProvider = files,
                    OnPrepareResponse = context =>
                    {
                        // Asset names carry a content hash: cache them for good; everything else revalidates.
                        var isHashed = context.Context.Request.Path.StartsWithSegments(path + "/static", StringComparison.OrdinalIgnoreCase);
                        context.Context.Response.Headers[HeaderNames.CacheControl] = isHashed ? "public, max-age=31536000, immutable" : "no-cache";
                    },
                }));
    }
}
