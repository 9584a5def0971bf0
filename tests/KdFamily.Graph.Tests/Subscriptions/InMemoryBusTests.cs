using System.Net;
using System.Net.Http.Json;
using GraphQLServer.PubSub;
using KdFamily.Graph.Maintenance;
using KdFamily.Graph.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KdFamily.Graph.Tests.Subscriptions;

/// <summary>A host without <c>ConnectionStrings:Redis</c> (in-memory pub/sub) and with the admin key set.</summary>
public sealed class InMemoryBusFactory : KdFamilyApiFactory
{
    public const string AdminKey = "kd-family-tests-admin-key-0123456789-abcdef";

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        [new("ConnectionStrings:Redis", ""), new("Admin:ApiKey", AdminKey)];
}

public sealed class InMemoryBusTests(InMemoryBusFactory factory) : IClassFixture<InMemoryBusFactory>
{
    private readonly SubscriptionScenario _scenario = new(factory);

    [Fact]
    public async Task TaskCreated_WithoutRedis_IsDeliveredByTheInMemoryBus()
    {
        Assert.IsType<InMemoryTopicBus>(factory.Services.GetRequiredService<ITopicEventSender>());
        var seed = await _scenario.SeedAsync();
        using var live = await _scenario.SubscribeAsync("OnTaskCreated", seed, seed.Members[3]);

        var id = await _scenario.CreateTaskAsync(seed);

        Assert.Equal(id, (await live.NextAsync("taskCreated"))["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task SystemMaintenance_AdminAnnouncement_ReachesSignedInSubscribers()
    {
        var seed = await _scenario.SeedAsync();
        using var live = await LiveSubscription.StartAsync(factory.Services, "OnSystemMaintenance", null, seed.Members[2]);
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/maintenance")
        {
            Content = JsonContent.Create(new { message = "Database upgrade", startsAt = "2026-12-01T02:00:00+01:00", endsAt = "2026-12-01T03:00:00+01:00" }),
        };
        request.Headers.Add(MaintenanceEndpoint.KeyHeader, InMemoryBusFactory.AdminKey);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var notice = await live.NextAsync("systemMaintenance");
        Assert.Equal(
            ("Database upgrade", "2026-12-01T01:00:00.000+00:00", "2026-12-01T02:00:00.000+00:00"),
            (notice["message"]!.GetValue<string>(), notice["startsAt"]!.GetValue<string>(), notice["endsAt"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key-wrong-key-wrong-key-wrong-key")]
    public async Task AdminMaintenance_WithoutTheKey_IsUnauthorized(string? key)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/maintenance")
        {
            Content = JsonContent.Create(new { message = "Nope", startsAt = "2026-12-01T02:00:00Z" }),
        };
        if (key is not null)
        {
            request.Headers.Add(MaintenanceEndpoint.KeyHeader, key);
        }

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
