using System.Security.Claims;
using KdFamily.Graph.Auth;
using KdFamily.Graph.Server.Relay;
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
        var (userId, familyId) = Ids(registered);
        var expired = SignToken(userId, familyId, issuedAt: DateTime.UtcNow.AddHours(-2), expires: DateTime.UtcNow.AddHours(-1));
        var fresh = SignToken(userId, familyId, issuedAt: DateTime.UtcNow.AddMinutes(-1), expires: DateTime.UtcNow.AddMinutes(5));

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
        var (userId, familyId) = Ids(registered);
        var forged = SignToken(userId, familyId, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(5), key: "another-signing-key-that-is-long-enough-0123456789");

        var response = await client.PostGraphQLAsync("{ me { username } }", accessToken: forged);

        Assert.Equal("AUTH_NOT_AUTHENTICATED", response["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    private static (Guid UserId, Guid FamilyId) Ids(System.Text.Json.Nodes.JsonObject registered) =>
        (GlobalId.Decode(registered["user"].Str("id"), "User")!.Value, GlobalId.Decode(registered["user"].Str("familyId"), "Family")!.Value);

    private static string SignToken(Guid userId, Guid familyId, DateTime issuedAt, DateTime expires, string key = KdFamilyApiFactory.TestSigningKey) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "kdfamily-tests",
            Audience = "kdfamily-tests",
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = expires,
            Subject = new ClaimsIdentity([new Claim(KdFamilyClaims.UserId, userId.ToString()), new Claim(KdFamilyClaims.FamilyId, familyId.ToString()), new Claim(KdFamilyClaims.Role, "ADVISOR")]),
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
}
