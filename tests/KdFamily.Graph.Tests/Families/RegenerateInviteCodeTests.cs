using GraphQLServer.Relay;
using KdFamily.Domain.Data;
using KdFamily.Graph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace KdFamily.Graph.Tests.Families;

public sealed class RegenerateInviteCodeTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    private static readonly string Mutation = Operations.Load("RegenerateInviteCode");

    [Fact]
    public async Task RegenerateInviteCode_ByAdvisor_ReplacesTheCodeAndAudits()
    {
        var seed = await SeedAsync();
        var oldCode = seed.Family.InviteCode;

        var response = await PostAsync(seed.Advisor, GlobalId.Encode("Family", seed.Family.Id));

        var payload = response["data"]!["regenerateInviteCode"]!;
        Assert.Null(payload["errors"]);
        var newCode = payload["family"]!["inviteCode"]!.GetValue<string>();
        Assert.NotEqual(oldCode, newCode);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
        Assert.Equal(newCode, (await db.Families.SingleAsync(f => f.Id == seed.Family.Id)).InviteCode);
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == "family.invite_code_regenerated" && a.TargetId == seed.Family.Id && a.ActorId == seed.Advisor.Id));
    }

    [Fact]
    public async Task RegenerateInviteCode_ByParent_FailsWithAuthNotAuthorized()
    {
        var seed = await SeedAsync();

        var response = await PostAsync(seed.Members[1], GlobalId.Encode("Family", seed.Family.Id));

        Assert.Equal("AUTH_NOT_AUTHORIZED", response["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("foreign")]
    [InlineData("malformed")]
    public async Task RegenerateInviteCode_ForAnotherOrUnknownFamily_ReturnsNotFoundError(string which)
    {
        var seed = await SeedAsync();
        var other = await SeedAsync();
        var id = which == "foreign" ? GlobalId.Encode("Family", other.Family.Id) : "not-an-id";

        var response = await PostAsync(seed.Advisor, id);

        var payload = response["data"]!["regenerateInviteCode"]!;
        Assert.Null(payload["family"]);
        Assert.Equal("NotFoundError", payload["errors"]![0]!["__typename"]!.GetValue<string>());
        Assert.Equal("NOT_FOUND", payload["errors"]![0]!["code"]!.GetValue<string>());
    }

    private async Task<FamilySeed> SeedAsync()
    {
        var seed = FamilySeed.Create("Invite", memberCount: 3, taskCount: 0, SystemClock.Instance.GetCurrentInstant());
        await seed.SaveAsync(factory.Services);
        return seed;
    }

    private async Task<System.Text.Json.Nodes.JsonObject> PostAsync(Domain.Users.User caller, string familyId)
    {
        using var client = factory.CreateClient();
        var token = TestTokens.For(factory.Services, caller);
        return await client.PostGraphQLAsync(Mutation, new { input = new { familyId } }, token);
    }
}
