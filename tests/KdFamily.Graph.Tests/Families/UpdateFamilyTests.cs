using GraphQLServer.Relay;
using KdFamily.Domain.Data;
using KdFamily.Graph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KdFamily.Graph.Tests.Families;

public sealed class UpdateFamilyTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    private static readonly string Mutation = Operations.Load("UpdateFamily");

    [Fact]
    public async Task UpdateFamily_ByAdvisor_ChangesSettingsAndAudits()
    {
        var seed = await factory.SeedFamilyAsync();

        var payload = (await factory.PostAsAsync(seed.Advisor, Mutation, new
        {
            input = new { familyId = GlobalId.Encode("Family", seed.Family.Id), name = "The Kims", description = "Chores!", timeZone = "Asia/Seoul" },
        })).Payload("updateFamily");

        Assert.Null(payload["errors"]);
        Assert.Equal("The Kims", payload["family"]!["name"]!.GetValue<string>());
        Assert.Equal("Chores!", payload["family"]!["description"]!.GetValue<string>());
        Assert.Equal("Asia/Seoul", payload["family"]!["timeZone"]!.GetValue<string>());
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
        Assert.Equal("Asia/Seoul", (await db.Families.SingleAsync(f => f.Id == seed.Family.Id)).TimeZone);
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == "family.updated" && a.TargetId == seed.Family.Id));
    }

    [Fact]
    public async Task UpdateFamily_WithUnknownTimeZone_ReturnsValidationErrorNamingTheField()
    {
        var seed = await factory.SeedFamilyAsync();

        var payload = (await factory.PostAsAsync(seed.Advisor, Mutation, new
        {
            input = new { familyId = GlobalId.Encode("Family", seed.Family.Id), timeZone = "Europe/Atlantis" },
        })).Payload("updateFamily");

        Assert.Equal(("ValidationError", "VALIDATION_ERROR"), payload.SingleError());
        Assert.Equal("timeZone", payload["errors"]![0]!["field"]!.GetValue<string>());
        Assert.Null(payload["family"]);
    }

    [Fact]
    public async Task UpdateFamily_ByParent_FailsWithAuthNotAuthorized()
    {
        var seed = await factory.SeedFamilyAsync();

        var response = await factory.PostAsAsync(seed.Members[1], Mutation, new { input = new { familyId = GlobalId.Encode("Family", seed.Family.Id), name = "X" } });

        Assert.Equal("AUTH_NOT_AUTHORIZED", response.RequestErrorCode());
    }

    [Fact]
    public async Task UpdateFamily_ByDemotedAdvisorWithOldToken_IsRefusedByTheStoredRole()
    {
        var seed = await factory.SeedFamilyAsync();
        var parent = seed.Members[1];
        parent.Role = Domain.Users.UserRole.Advisor; // the stale token's claim

        var response = await factory.PostAsAsync(parent, Mutation, new { input = new { familyId = GlobalId.Encode("Family", seed.Family.Id), name = "X" } });

        // Refused before the resolver runs: role checks read the stored role, never the token's claim.
        Assert.Equal("AUTH_NOT_AUTHORIZED", response.RequestErrorCode());
    }

    [Fact]
    public async Task UpdateFamily_OfAnotherFamily_ReturnsNotFoundError()
    {
        var seed = await factory.SeedFamilyAsync();
        var other = await factory.SeedFamilyAsync();

        var payload = (await factory.PostAsAsync(seed.Advisor, Mutation, new { input = new { familyId = GlobalId.Encode("Family", other.Family.Id), name = "Mine" } }))
            .Payload("updateFamily");

        Assert.Equal(("NotFoundError", "NOT_FOUND"), payload.SingleError());
    }
}
