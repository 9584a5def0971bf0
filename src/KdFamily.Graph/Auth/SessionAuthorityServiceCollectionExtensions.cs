using GraphQLServer.Authorization;
using KdFamily.Application.Auth;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace KdFamily.Graph.Auth;

public static class SessionAuthorityServiceCollectionExtensions
{
    /// <summary>
    /// Changes of authority take effect on the next request: every bearer token is checked against its session and
    /// the user's current membership and role (<see cref="SessionCredentialLifetime"/>), HTTP through the JWT bearer
    /// handler, WebSocket and SSE through <see cref="ICredentialLifetime"/>.
    /// </summary>
    public static WebApplicationBuilder AddKdFamilySessionAuthority(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SessionAuthorityOptions>()
            .BindConfiguration(SessionAuthorityOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<SessionAuthorityCache>();
        builder.Services.AddSingleton<SessionChanges>();
        builder.Services.AddSingleton<ISessionChanges>(services => services.GetRequiredService<SessionChanges>());
        builder.Services.AddHostedService<SessionChangeListener>();
        builder.Services.AddSingleton<ICredentialLifetime, SessionCredentialLifetime>();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).PostConfigure(bearer =>
        {
            bearer.Events ??= new JwtBearerEvents();
            bearer.Events.OnTokenValidated = async context =>
            {
                var credentials = context.HttpContext.RequestServices.GetRequiredService<ICredentialLifetime>();
                var check = await credentials.CheckAsync(context.Principal!, context.HttpContext.RequestAborted);
                if (!check.IsValid)
                {
                    context.Fail("The session has ended or its access has changed; sign in again.");
                    return;
                }

                context.Principal = check.Principal;
            };
        });
        return builder;
    }
}
