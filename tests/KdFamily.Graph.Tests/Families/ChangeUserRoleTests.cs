using GraphQLServer.Relay;
using KdFamily.Domain.Data;
using KdFamily.Domain.Users;
using KdFamily.Graph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KdFamily.Graph.Tests.Families;

public sealed class ChangeUserRoleTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    private static readonly string Mutation = Operations.Load("ChangeUserRole");

    [Fact]
    public async Task ChangeUserRole_ByAdvisor_ChangesRoleAndAuditsOldAndNew()
    {
        var seed = await factory.SeedFamilyAsync();
        var target = seed.Members[2];

        var payload = (await PostAsync(seed.Advisor, target, "PARENT")).Payload("changeUserRole");

        Assert.Null(payload["errors"]);
        Assert.Equal("PARENT", payload["user"]!["role"]!.GetValue<string>());
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
        Assert.Equal(UserRole.Parent, (await db.Users.SingleAsync(u => u.Id == target.Id)).Role);
        var audit = await db.AuditLog.SingleAsync(a => a.Action == "user.role_changed" && a.TargetId == target.Id);
        Assert.Equal(seed.Advisor.Id, audit.ActorId);
        Assert.Equal("MEMBER", audit.Details!.RootElement.GetProperty("oldRole").GetString());
        Assert.Equal("PARENT", audit.Details.RootElement.GetProperty("newRole").GetString());
    }

    [Fact]
    public async Task ChangeUserRole_OfOwnRole_ReturnsSelfRoleChangeError()
    {
        var seed = await factory.SeedFamilyAsync();

        var payload = (await PostAsync(seed.Advisor, seed.Advisor, "MEMBER")).Payload("changeUserRole");

        Assert.Equal(("SelfRoleChangeError", "SELF_ROLE_CHANGE"), payload.SingleError());
        Assert.Equal(UserRole.Advisor, await RoleAsync(seed.Advisor));
    }

    [Fact]
    public async Task ChangeUserRole_ByParent_FailsWithAuthNotAuthorized()
    {
        var seed = await factory.SeedFamilyAsync();

        var response = await PostAsync(seed.Members[1], seed.Members[2], "PARENT");

        Assert.Equal("AUTH_NOT_AUTHORIZED", response.RequestErrorCode());
    }

    [Fact]
    public async Task ChangeUserRole_ByDemotedAdvisorWithOldToken_IsRefusedByTheStoredRole()
    {
        // The token still says ADVISOR; the database says PARENT, and the database wins.
        var seed = await factory.SeedFamilyAsync();
        var formerAdvisor = seed.Members[1];
        formerAdvisor.Role = UserRole.Advisor; // the stale token's claim

        var response = await PostAsync(formerAdvisor, seed.Members[2], "ADVISOR");

        // Refused before the resolver runs: role checks read the stored role, never the token's claim.
        Assert.Equal("AUTH_NOT_AUTHORIZED", response.RequestErrorCode());
        Assert.Equal(UserRole.Member, await RoleAsync(seed.Members[2]));
    }

    [Theory]
    [InlineData("foreign")]
    [InlineData("removed")]
    [InlineData("malformed")]
    public async Task ChangeUserRole_OfNonMember_ReturnsNotFoundError(string which)
    {
        var seed = await factory.SeedFamilyAsync();
        var other = await factory.SeedFamilyAsync();
        if (which == "removed")
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
            await db.Users.Where(u => u.Id == seed.Members[3].Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.RemovedAt, NodaTime.SystemClock.Instance.GetCurrentInstant()));
        }

        var userId = which switch
        {
            "foreign" => GlobalId.Encode("User", other.Members[2].Id),
            "removed" => GlobalId.Encode("User", seed.Members[3].Id),
            _ => GlobalId.Encode("Task", seed.Members[2].Id),
        };
        var response = await factory.PostAsAsync(seed.Advisor, Mutation, new { input = new { userId, role = "PARENT" } });

        Assert.Equal(("NotFoundError", "NOT_FOUND"), response.Payload("changeUserRole").SingleError());
        Assert.Equal(UserRole.Member, await RoleAsync(other.Members[2]));
    }

    [Fact]
    public async Task ChangeUserRole_TwoAdvisorsDemotingEachOtherConcurrently_LeavesAnAdvisor()
    {
        var seed = await factory.SeedFamilyAsync();
        var second = seed.Members[1];
        Assert.Null((await PostAsync(seed.Advisor, second, "ADVISOR")).Payload("changeUserRole")["errors"]);
        second.Role = UserRole.Advisor;

        var results = await Task.WhenAll(PostAsync(seed.Advisor, second, "MEMBER"), PostAsync(second, seed.Advisor, "MEMBER"));

        static bool Succeeded(System.Text.Json.Nodes.JsonObject r) => r["errors"] is null && r["data"]!["changeUserRole"]!["errors"] is null;
        Assert.Single(results, Succeeded);
        // The loser is refused by the resolver (inside the family lock) or, when the winner committed before its
        // request was authorized, by its stored role already.
        var loser = results.Single(r => !Succeeded(r));
        var code = loser["errors"] is not null ? loser.RequestErrorCode() : loser.Payload("changeUserRole").SingleError().Code;
        Assert.Contains(code, new[] { "NOT_AUTHORIZED", "LAST_ADVISOR", "AUTH_NOT_AUTHORIZED" });
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
        Assert.Equal(1, await db.Users.CountAsync(u => u.FamilyId == seed.Family.Id && u.Role == UserRole.Advisor));
    }

    private Task<System.Text.Json.Nodes.JsonObject> PostAsync(User caller, User target, string role) =>
        factory.PostAsAsync(caller, Mutation, new { input = new { userId = GlobalId.Encode("User", target.Id), role } });

    private async Task<UserRole> RoleAsync(User user)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
        return (await db.Users.SingleAsync(u => u.Id == user.Id)).Role;
    }
}
