using GraphQLServer.Relay;
using KdFamily.Graph.Tests.Families;
using KdFamily.Graph.Tests.Infrastructure;

namespace KdFamily.Graph.Tests.Audit;

public sealed class FamilyAuditLogTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    private static readonly string AuditLog = Operations.Load("FamilyAuditLog");

    [Fact]
    public async Task AuditLog_ForAdvisor_ListsActionsNewestFirstWithDetails()
    {
        var seed = await factory.SeedFamilyAsync();
        var target = seed.Members[2];
        await factory.PostAsAsync(seed.Advisor, Operations.Load("ChangeUserRole"), new { input = new { userId = GlobalId.Encode("User", target.Id), role = "PARENT" } });
        await factory.PostAsAsync(seed.Advisor, Operations.Load("UpdateFamily"), new { input = new { familyId = GlobalId.Encode("Family", seed.Family.Id), name = "Renamed" } });

        var log = (await factory.PostAsAsync(seed.Advisor, AuditLog, new { familyId = GlobalId.Encode("Family", seed.Family.Id), first = 1 }))
            .Payload("family")["auditLog"]!;
        var next = (await factory.PostAsAsync(seed.Advisor, AuditLog, new
        {
            familyId = GlobalId.Encode("Family", seed.Family.Id),
            first = 5,
            after = log["pageInfo"]!["endCursor"]!.GetValue<string>(),
        })).Payload("family")["auditLog"]!;

        Assert.Equal("family.updated", log["nodes"]![0]!["action"]!.GetValue<string>());
        Assert.True(log["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        var roleChange = Assert.Single(next["nodes"]!.AsArray())!;
        Assert.Equal("user.role_changed", roleChange["action"]!.GetValue<string>());
        Assert.Equal(GlobalId.Encode("User", target.Id), roleChange["targetId"]!.GetValue<string>());
        Assert.Equal(GlobalId.Encode("User", seed.Advisor.Id), roleChange["actor"]!["id"]!.GetValue<string>());
        var details = System.Text.Json.Nodes.JsonNode.Parse(roleChange["details"]!.GetValue<string>())!;
        Assert.Equal(("MEMBER", "PARENT"), (details["oldRole"]!.GetValue<string>(), details["newRole"]!.GetValue<string>()));
    }

    [Fact]
    public async Task AuditLog_ForParent_FailsWithAuthNotAuthorized()
    {
        var seed = await factory.SeedFamilyAsync();

        var response = await factory.PostAsAsync(seed.Members[1], AuditLog, new { familyId = GlobalId.Encode("Family", seed.Family.Id) });

        Assert.Equal("AUTH_NOT_AUTHORIZED", response.RequestErrorCode());
    }

    [Fact]
    public async Task AuditLog_ForDemotedAdvisorWithOldToken_IsRefusedByTheStoredRole()
    {
        var seed = await factory.SeedFamilyAsync();
        var parent = seed.Members[1];
        parent.Role = Domain.Users.UserRole.Advisor; // the stale token's claim

        var response = await factory.PostAsAsync(parent, AuditLog, new { familyId = GlobalId.Encode("Family", seed.Family.Id) });

        Assert.Equal("AUTH_NOT_AUTHORIZED", response.RequestErrorCode());
        Assert.Null(response["data"]?["family"]?["auditLog"]);
    }
}
