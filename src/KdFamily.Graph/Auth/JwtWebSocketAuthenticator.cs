using System.Security.Claims;
using System.Text.Json;
using GraphQLServer.Authorization;
using GraphQLServer.WebSockets;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.Features.Authentication;
using Microsoft.Extensions.Options;

namespace KdFamily.Graph.Auth;

/// <summary>
/// Authenticates a GraphQL WebSocket from its <c>connection_init</c> payload <c>{"authorization": "Bearer …"}</c>
/// (key matched case-insensitively) with the same token handlers and validation parameters as the HTTP bearer
/// scheme, and its session and the user's membership checked like HTTP's (<see cref="ICredentialLifetime"/>, which also
/// tells when the socket's credential expires). No token:
/// the socket is anonymous (or the upgrade request's bearer user). A bad or revoked token is rejected.
/// </summary>
public sealed class JwtWebSocketAuthenticator(IOptionsMonitor<JwtBearerOptions> bearerOptions, ICredentialLifetime? credentials = null) : IWebSocketAuthenticator
{
    private const string BearerPrefix = "Bearer ";

    public async ValueTask<WebSocketAuthenticationResult> AuthenticateAsync(HttpContext http, JsonElement? initPayload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var authorization = ReadAuthorization(initPayload, out var malformed);
        if (malformed)
        {
            return WebSocketAuthenticationResult.Fail("The authorization value must be a string");
        }

        if (authorization is null)
        {
            // The feature, not HttpContext.User: reading that on an unauthenticated upgrade creates an empty principal the
            // request would keep for as long as the socket lives.
            var upgradeUser = http.Features.Get<IHttpAuthenticationFeature>()?.User;
            return upgradeUser?.Identity?.IsAuthenticated == true
                ? WebSocketAuthenticationResult.Success(upgradeUser)
                : WebSocketAuthenticationResult.Success(new ClaimsPrincipal(new ClaimsIdentity()));
        }

        var token = authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
            ? authorization[BearerPrefix.Length..].Trim()
            : authorization.Trim();
        if (token.Length == 0 || token.Contains(' ', StringComparison.Ordinal))
        {
            return WebSocketAuthenticationResult.Fail("The authorization value must be 'Bearer <access token>'");
        }

        var options = bearerOptions.Get(JwtBearerDefaults.AuthenticationScheme);
        foreach (var handler in options.TokenHandlers)
        {
            var result = await handler.ValidateTokenAsync(token, options.TokenValidationParameters);
            if (result.IsValid && result.ClaimsIdentity is { } identity)
            {
                var principal = new ClaimsPrincipal(identity);
                var check = credentials is null ? CredentialCheck.Valid(principal) : await credentials.CheckAsync(principal, cancellationToken);
                return check.IsValid
                    ? WebSocketAuthenticationResult.Success(check.Principal!)
                    : WebSocketAuthenticationResult.Fail("The session has ended; sign in again");
            }
        }

        return WebSocketAuthenticationResult.Fail("The access token is invalid or has expired");
    }

    private static string? ReadAuthorization(JsonElement? payload, out bool malformed)
    {
        malformed = false;
        if (payload is not { ValueKind: JsonValueKind.Object } map)
        {
            return null;
        }

        foreach (var property in map.EnumerateObject())
        {
            if (property.NameEquals("authorization") || property.Name.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
            {
                if (property.Value.ValueKind == JsonValueKind.Null)
                {
                    return null;
                }

                malformed = property.Value.ValueKind != JsonValueKind.String;
                return malformed ? null : property.Value.GetString();
            }
        }

        return null;
    }
}
