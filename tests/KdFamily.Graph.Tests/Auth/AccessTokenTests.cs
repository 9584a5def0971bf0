using System.Security.Claims;
using GraphQLServer.Relay;
using KdFamily.Graph.Auth;
using KdFamily.Graph.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace KdFamily.Graph.Tests.Auth;

public sealed class AccessTokenTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    [Fact]
    public async Task Me_WithExpiredAccessToken_IsNotAuthenticated()
    {
        using var client = factory.CreateClient();
        var registered = await client.RegisterAsync(AuthApiClient.NewName("old"));
        var ids = Ids(registered);
        var expired = SignToken(ids, issuedAt: DateTime.UtcNow.AddHours(-2), expires: DateTime.UtcNow.AddHours(-1));
        var fresh = SignToken(ids, issuedAt: DateTime.UtcNow.AddMinutes(-1), expires: DateTime.UtcNow.AddMinutes(5));

        var withExpired = await client.PostGraphQLAsync("{ me { username } }", accessToken: expired);
        var withFresh = await client.PostGraphQLAsync("{ me { username } }", accessToken: fresh);

        Assert.Equal("AUTH_NOT_AUTHENTICATED", withExpired["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.NotNull(withFresh["data"]!["me"]); // the same token, unexpired, is accepted: only expiry differs
    }

    [Fact]
    public async Task Me_WithTokenSignedByAnotherKey_IsNotAuthenticated()
    {
        using var client = factory.CreateClient();
        var registered = await client.RegisterAsync(AuthApiClient.NewName("forged"));
        var ids = Ids(registered);
        var forged = SignToken(ids, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(5), key: "another-signing-key-that-is-long-enough-0123456789");

        var response = await client.PostGraphQLAsync("{ me { username } }", accessToken: forged);

        Assert.Equal("AUTH_NOT_AUTHENTICATED", response["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    /// <summary>The registered user, their family and the session their access token belongs to.</summary>
    private static (Guid UserId, Guid FamilyId, Guid SessionId) Ids(System.Text.Json.Nodes.JsonObject registered) =>
        (GlobalId.Decode(registered["user"].Str("id"), "User")!.Value,
            GlobalId.Decode(registered["user"].Str("familyId"), "Family")!.Value,
            Guid.Parse(new JsonWebToken(registered.Str("accessToken")).GetClaim(KdFamilyClaims.SessionId).Value));

    private static string SignToken((Guid UserId, Guid FamilyId, Guid SessionId) ids, DateTime issuedAt, DateTime expires, string key = KdFamilyApiFactory.TestSigningKey) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "kdfamily-tests",
            Audience = "kdfamily-tests",
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = expires,
            Subject = new ClaimsIdentity([
                new Claim(KdFamilyClaims.UserId, ids.UserId.ToString()), new Claim(KdFamilyClaims.FamilyId, ids.FamilyId.ToString()),
                new Claim(KdFamilyClaims.Role, "ADVISOR"), new Claim(KdFamilyClaims.SessionId, ids.SessionId.ToString())]),
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
}
