using KdFamily.Domain.Data;
using KdFamily.Domain.Families;
using KdFamily.Domain.Users;
using KdFamily.Graph.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KdFamily.Graph.Tests.Users;

public sealed class MeQueryTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    [Fact]
    public async Task Me_WithValidToken_ReturnsTheCaller()
    {
        var user = await SeedUserAsync();
        var token = TestTokens.For(factory.Services, user);
        using var client = factory.CreateClient();

        var response = await client.PostGraphQLAsync("{ me { username fullName } }", accessToken: token);

        Assert.Equal("ada", response["data"]!["me"]!["username"]!.GetValue<string>());
    }

    [Fact]
    public async Task Me_WithoutToken_FailsNotAuthenticated()
    {
        using var client = factory.CreateClient();
        var response = await client.PostGraphQLAsync("{ me { username } }");
        Assert.Null(response["data"]!["me"]);
        Assert.Equal("AUTH_NOT_AUTHENTICATED", response["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    private async Task<User> SeedUserAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
        var family = new Family { Name = "Lovelace", TimeZone = "Europe/London", InviteCode = "LOVE0001" };
        var user = new User { FamilyId = family.Id, Username = "ada", Email = "ada@example.test", FullName = "Ada Lovelace", PasswordHash = "x", Role = UserRole.Advisor };
        db.AddRange(family, user);
        await db.SaveChangesAsync();
        return user;
    }
}
