using GraphQLServer.Relay;
using KdFamily.Domain.Data;
using KdFamily.Domain.Notifications;
using KdFamily.Domain.Users;
using KdFamily.Graph.Tests.Auth;
using KdFamily.Graph.Tests.Families;
using KdFamily.Graph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace KdFamily.Graph.Tests.Notifications;

public sealed class NotificationTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    private static readonly string Mine = Operations.Load("MyNotifications");
    private static readonly string MarkRead = Operations.Load("MarkNotificationsRead");

    [Fact]
    public async Task Register_WithInviteCode_NotifiesTheFamilysParentsAndAdvisors()
    {
        var seed = await factory.SeedFamilyAsync();
        using var client = factory.CreateClient();

        await client.RegisterAsync(AuthApiClient.NewName("joiner"), seed.Family.InviteCode);

        foreach (var (user, expected) in new[] { (seed.Advisor, 1), (seed.Members[1], 1), (seed.Members[2], 0) })
        {
            var me = (await factory.PostAsAsync(user, Mine, new { })).Payload("me");
            Assert.Equal(expected, me["unreadNotificationCount"]!.GetValue<int>());
            var nodes = me["notifications"]!["nodes"]!.AsArray();
            Assert.Equal(expected, nodes.Count);
            if (expected == 1)
            {
                Assert.Equal("MEMBER_JOINED", nodes[0]!["kind"]!.GetValue<string>());
                Assert.Contains("Full joiner", nodes[0]!["body"]!.GetValue<string>(), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Notifications_Paged_NewestFirstAndUnreadOnlyFilters()
    {
        var seed = await factory.SeedFamilyAsync();
        var ids = await AddAsync(seed.Members[2], 3, readFirst: true);

        var first = (await factory.PostAsAsync(seed.Members[2], Mine, new { first = 2 })).Payload("me")["notifications"]!;
        var second = (await factory.PostAsAsync(seed.Members[2], Mine, new { first = 2, after = first["pageInfo"]!["endCursor"]!.GetValue<string>() }))
            .Payload("me")["notifications"]!;
        var unread = (await factory.PostAsAsync(seed.Members[2], Mine, new { unreadOnly = true })).Payload("me")["notifications"]!["nodes"]!.AsArray();

        var order = first["nodes"]!.AsArray().Concat(second["nodes"]!.AsArray()).Select(n => n!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(ids.AsEnumerable().Reverse(), order);
        Assert.True(first["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.False(second["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.Equal(2, unread.Count);
    }

    [Fact]
    public async Task Notifications_OfAnotherUser_AreNull()
    {
        var seed = await factory.SeedFamilyAsync();
        await AddAsync(seed.Members[2], 1);

        var response = await factory.PostAsAsync(seed.Advisor, "query($id: ID!) { user(id: $id) { notifications { nodes { id } } unreadNotificationCount } }",
            new { id = GlobalId.Encode("User", seed.Members[2].Id) });

        var user = response.Payload("user");
        Assert.Null(user["notifications"]);
        Assert.Null(user["unreadNotificationCount"]);
    }

    [Fact]
    public async Task Node_OfAnotherUsersNotification_IsNull()
    {
        var seed = await factory.SeedFamilyAsync();
        var id = (await AddAsync(seed.Members[2], 1))[0];

        var own = await factory.PostAsAsync(seed.Members[2], "query($id: ID!) { node(id: $id) { id } }", new { id });
        var other = await factory.PostAsAsync(seed.Advisor, "query($id: ID!) { node(id: $id) { id } }", new { id });

        Assert.Equal(id, own["data"]!["node"]!["id"]!.GetValue<string>());
        Assert.Null(other["data"]!["node"]);
    }

    [Fact]
    public async Task MarkNotificationsRead_ByIds_MarksOnlyTheCallersUnreadOnes()
    {
        var seed = await factory.SeedFamilyAsync();
        var mine = await AddAsync(seed.Members[2], 3);
        var theirs = await AddAsync(seed.Members[3], 1);

        var payload = (await factory.PostAsAsync(seed.Members[2], MarkRead, new { input = new { ids = new[] { mine[0], mine[1], theirs[0], "junk" } } }))
            .Payload("markNotificationsRead");
        var again = (await factory.PostAsAsync(seed.Members[2], MarkRead, new { input = new { ids = new[] { mine[0] } } })).Payload("markNotificationsRead");

        Assert.Null(payload["errors"]);
        Assert.Equal(2, payload["markedCount"]!.GetValue<int>());
        Assert.Equal(0, again["markedCount"]!.GetValue<int>());
        Assert.Equal(1, (await factory.PostAsAsync(seed.Members[2], Mine, new { })).Payload("me")["unreadNotificationCount"]!.GetValue<int>());
        Assert.Equal(1, (await factory.PostAsAsync(seed.Members[3], Mine, new { })).Payload("me")["unreadNotificationCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task MarkNotificationsRead_All_MarksEveryUnreadOne()
    {
        var seed = await factory.SeedFamilyAsync();
        await AddAsync(seed.Members[2], 3, readFirst: true);

        var payload = (await factory.PostAsAsync(seed.Members[2], MarkRead, new { input = new { all = true } })).Payload("markNotificationsRead");

        Assert.Equal(2, payload["markedCount"]!.GetValue<int>());
        Assert.Equal(0, (await factory.PostAsAsync(seed.Members[2], Mine, new { })).Payload("me")["unreadNotificationCount"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task MarkNotificationsRead_WithNeitherOrBoth_IsRefusedBeforeExecution_ByOneOf(bool both)
    {
        var seed = await factory.SeedFamilyAsync();
        await AddAsync(seed.Members[2], 1);
        object input = both ? new { ids = Array.Empty<string>(), all = true } : new { };

        var response = await factory.PostAsAsync(seed.Members[2], MarkRead, new { input });

        Assert.Null(response["data"]);
        Assert.Contains("exactly one", Assert.Single(response["errors"]!.AsArray())!["message"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, (await factory.PostAsAsync(seed.Members[2], Mine, new { })).Payload("me")["unreadNotificationCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task MarkNotificationsRead_AllFalse_ReturnsValidationError()
    {
        var seed = await factory.SeedFamilyAsync();

        var payload = (await factory.PostAsAsync(seed.Members[2], MarkRead, new { input = new { all = false } })).Payload("markNotificationsRead");

        Assert.Equal(("ValidationError", "VALIDATION_ERROR"), payload.SingleError());
    }

    /// <summary>Adds notifications for <paramref name="user"/>, a second apart, oldest first; returns their global IDs in that order.</summary>
    private async Task<List<string>> AddAsync(User user, int count, bool readFirst = false)
    {
        var start = SystemClock.Instance.GetCurrentInstant();
        var rows = Enumerable.Range(0, count).Select(i => new Notification
        {
            UserId = user.Id,
            FamilyId = user.FamilyId,
            Kind = NotificationKind.TaskAssigned,
            Title = $"N{i}",
            Body = "body",
            CreatedAt = start + Duration.FromSeconds(i),
            ReadAt = readFirst && i == 0 ? start : null,
        }).ToList();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
        db.Notifications.AddRange(rows);
        await db.SaveChangesAsync();
        return [.. rows.Select(r => GlobalId.Encode("Notification", r.Id))];
    }
}
