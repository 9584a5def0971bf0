using GraphQLServer.WebSockets;
using KdFamily.Application.Auth;
using KdFamily.Application.Users;
using KdFamily.Domain.ChildAccounts;
using KdFamily.Domain.Users;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using NodaTime;

namespace KdFamily.Graph.Auth;

public static class AuthServiceCollectionExtensions
{
    public static WebApplicationBuilder AddKdFamilyAuth(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<JwtOptions>()
            .BindConfiguration(JwtOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<AuthOptions>()
            .BindConfiguration(AuthOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IAccessTokenIssuer, AccessTokenIssuer>();
        builder.Services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        builder.Services.AddSingleton<IPasswordHashing, IdentityPasswordHashing>();
        builder.Services.AddSingleton(services =>
        {
            var auth = services.GetRequiredService<IOptions<AuthOptions>>().Value;
            return new PinLockoutPolicy(auth.ChildPinLockoutThreshold, Duration.FromTimeSpan(auth.ChildPinLockoutDuration));
        });
        builder.Services.AddSingleton<IEmailConfirmationLinks, Users.EmailConfirmationLinks>();
        builder.Services.AddHostedService<PasswordResetRequestProcessor>();
        builder.AddKdFamilySessionAuthority();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<JwtOptions>>((bearer, jwtOptions) =>
            {
                var jwt = jwtOptions.Value;
                bearer.MapInboundClaims = false;
                bearer.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = jwt.Issuer,
                    ValidAudience = jwt.Audience,
                    IssuerSigningKey = AccessTokenIssuer.SigningKey(jwt),
                    NameClaimType = KdFamilyClaims.Username,
                    RoleClaimType = KdFamilyClaims.Role,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
            });
        builder.Services.AddSingleton<IWebSocketAuthenticator, JwtWebSocketAuthenticator>();
        builder.Services.AddAuthorizationBuilder().AddKdFamilyPolicies();
        builder.Services.AddOpenApi(openApi =>
        {
            openApi.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            openApi.AddSchemaTransformer<ProblemCodeSchemaTransformer>();
            // The generator lists the request's own Host as the server, echoing whatever a client sent; paths are
            // relative to wherever the document was fetched from, which is what clients assume without servers.
            openApi.AddDocumentTransformer((document, _, _) =>
            {
                document.Servers = null;
                return Task.CompletedTask;
            });
        });
        return builder;
    }
}
