using GraphQLServer.Relay;
using KdFamily.Domain.Auth;
using KdFamily.Domain.Data;
using KdFamily.Domain.Tasks;
using KdFamily.Domain.Users;
using KdFamily.Graph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace KdFamily.Graph.Tests.Families;

public sealed class RemoveMemberTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    private static readonly string Mutation = Operations.Load("RemoveMember");

    [Fact]
    public async Task RemoveMember_ByAdvisor_RemovesRevokesSessionsUnassignsOpenWorkAndAudits()
    {
        var now = SystemClock.Instance.GetCurrentInstant();
        var seed = FamilySeed.Create("Remove", 4, 0, now);
        var leaver = seed.Members[2];
        var pending = seed.AddTask("pending", FamilyTaskStatus.Pending, leaver, 5, null, now);
        var started = seed.AddTask("started", FamilyTaskStatus.InProgress, leaver, 5, null, now);
        var rejected = seed.AddTask("rejected", FamilyTaskStatus.Rejected, leaver, 5, null, now);
        var completed = seed.AddTask("completed", FamilyTaskStatus.Completed, leaver, 5, null, now);
        await seed.SaveAsync(factory.Services);
        var session = new AuthSession { UserId = leaver.Id, CreatedAt = now, ExpiresAt = now + Duration.FromDays(7) };
        await using (var setup = factory.Services.CreateAsyncScope())
        {
            var db = setup.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
            db.AuthSessions.Add(session);
            await db.SaveChangesAsync();
        }

        var payload = (await PostAsync(seed.Advisor, leaver)).Payload("removeMember");

        Assert.Null(payload["errors"]);
        Assert.Equal(GlobalId.Encode("User", leaver.Id), payload["user"]!["id"]!.GetValue<string>());
        await using var scope = factory.Services.CreateAsyncScope();
        var check = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
        Assert.NotNull((await check.Users.SingleAsync(u => u.Id == leaver.Id)).RemovedAt);
        Assert.NotNull((await check.AuthSessions.SingleAsync(s => s.Id == session.Id)).RevokedAt);
        var tasks = await check.Tasks.Where(t => t.FamilyId == seed.Family.Id).ToDictionaryAsync(t => t.Id);
        foreach (var handedBack in new[] { pending, started, rejected })
        {
            Assert.Null(tasks[handedBack.Id].AssignedToId);
            Assert.Equal(FamilyTaskStatus.Pending, tasks[handedBack.Id].Status);
        }

        var handedBackIds = new[] { pending.Id, started.Id, rejected.Id };
        var familyTaskIds = tasks.Keys.ToList();
        var transitions = await check.TaskTransitions.Where(t => t.Action == TaskActions.Unassign && familyTaskIds.Contains(t.TaskId)).Select(t => t.TaskId).ToListAsync();
        Assert.Equal(handedBackIds.Order(), transitions.Order());
        Assert.Equal(leaver.Id, tasks[completed.Id].AssignedToId);
        Assert.Equal(FamilyTaskStatus.Completed, tasks[completed.Id].Status);
        var audit = await check.AuditLog.SingleAsync(a => a.Action == "user.removed" && a.TargetId == leaver.Id);
        Assert.Equal(3, audit.Details!.RootElement.GetProperty("tasksUnassigned").GetInt32());
    }

    [Fact]
    public async Task RemoveMember_LastAdvisorRemovingThemself_ReturnsLastAdvisorError()
    {
        var seed = await factory.SeedFamilyAsync();

        var payload = (await PostAsync(seed.Advisor, seed.Advisor)).Payload("removeMember");

        Assert.Equal(("LastAdvisorError", "LAST_ADVISOR"), payload.SingleError());
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Null((await scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>().Users.SingleAsync(u => u.Id == seed.Advisor.Id)).RemovedAt);
    }

    [Fact]
    public async Task RemoveMember_ByParent_FailsWithAuthNotAuthorized()
    {
        var seed = await factory.SeedFamilyAsync();

        Assert.Equal("AUTH_NOT_AUTHORIZED", (await PostAsync(seed.Members[1], seed.Members[2])).RequestErrorCode());
    }

    [Fact]
    public async Task RemoveMember_ByDemotedAdvisorWithOldToken_IsRefusedByTheStoredRole()
    {
        var seed = await factory.SeedFamilyAsync();
        var parent = seed.Members[1];
        parent.Role = UserRole.Advisor; // the stale token's claim; the database still says PARENT

        var response = await PostAsync(parent, seed.Members[2]);

        // Refused before the resolver runs: role checks read the stored role, never the token's claim.
        Assert.Equal("AUTH_NOT_AUTHORIZED", response.RequestErrorCode());
    }

    [Fact]
    public async Task RemoveMember_OfAnotherFamilysUser_ReturnsNotFoundError()
    {
        var seed = await factory.SeedFamilyAsync();
        var other = await factory.SeedFamilyAsync();

        var payload = (await PostAsync(seed.Advisor, other.Members[2])).Payload("removeMember");

        Assert.Equal(("NotFoundError", "NOT_FOUND"), payload.SingleError());
    }

    private Task<System.Text.Json.Nodes.JsonObject> PostAsync(User caller, User target) =>
        factory.PostAsAsync(caller, Mutation, new { input = new { userId = GlobalId.Encode("User", target.Id) } });
}
