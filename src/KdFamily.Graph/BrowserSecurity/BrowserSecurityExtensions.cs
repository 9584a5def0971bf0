using Microsoft.Extensions.Options;

namespace KdFamily.Graph.BrowserSecurity;

/// <summary>
/// What browsers are told: CORS for the configured origins only, and security headers on every response
/// (README "Browsers: CORS and security headers").
/// </summary>
public static class BrowserSecurityExtensions
{
    private const string IdePolicy = "BananaCakePop";

    public static WebApplicationBuilder AddKdFamilyBrowserSecurity(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

        builder.Services.AddOptions<CorsSettings>()
            .BindConfiguration(CorsSettings.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddCors();
        builder.Services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>()
            .Configure<IOptions<CorsSettings>>((cors, settings) => cors.AddDefaultPolicy(policy => policy
                .WithOrigins(settings.Value.AllowedOrigins)
                .WithMethods(HttpMethods.Get, HttpMethods.Post)
                .AllowAnyHeader()
                .WithExposedHeaders("Retry-After")
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));

        builder.Services.AddSecurityHeaderPolicies()
            .SetDefaultPolicy(policy => SecurityHeaders.Common(policy).AddContentSecurityPolicy(SecurityHeaders.ApiContentSecurityPolicy))
            .AddPolicy(IdePolicy, policy => SecurityHeaders.Common(policy).AddContentSecurityPolicy(SecurityHeaders.IdeContentSecurityPolicy))
            .SetPolicySelector(context => IsIdePage(context.HttpContext.Request)
                ? context.ConfiguredPolicies[IdePolicy]
                : context.SelectedPolicy);
        return builder;
    }

    /// <summary>First after the forwarded headers (so HSTS sees the client's scheme): every answer carries the headers.</summary>
    public static WebApplication UseKdFamilyBrowserSecurity(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseCors();
        return app;
    }

    /// <summary>Banana Cake Pop's own documents live under <c>/graphql/</c>; <c>/graphql</c> itself is the API.</summary>
    private static bool IsIdePage(HttpRequest request) =>
        request.Path.StartsWithSegments("/graphql", StringComparison.OrdinalIgnoreCase, out var rest) && rest.HasValue;
}
