using System.Text.Json.Nodes;
using GraphQLServer.Relay;
using KdFamily.Graph.LiveUpdates;
using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Graph.Tests.LiveUpdates;
using KdFamily.Graph.Tests.Tasks;
using KdFamily.Testing;

namespace KdFamily.Graph.Tests.Rewards;

/// <summary>
/// <c>redemptionUpdated</c> over the real transports on Kestrel, driven by each protocol's npm reference client with a
/// parent's access token, while a member redeems and the parent rejects through mutations over HTTP.
/// </summary>
public sealed class RedemptionSubscriptionTests : LedgerCheckedTests, IClassFixture<KestrelApiFactory>
{
    private static readonly string OnRedemptionUpdated = Operations.Load("OnRedemptionUpdated");

    private readonly KestrelApiFactory _host;
    private readonly RewardsApi _api;

    public RedemptionSubscriptionTests(KestrelApiFactory host)
        : base(host)
    {
        _host = host;
        _ = host.Address;
        _api = new RewardsApi(host);
    }

    [Theory]
    [InlineData("ws-client.mjs")] // graphql-ws: graphql-transport-ws
    [InlineData("legacy-ws-client.mjs")] // subscriptions-transport-ws: graphql-ws
    public async Task WebSocketReferenceClient_RedeemThenReject_ReceivesTheRequestAndTheDecision(string script)
    {
        var seed = await _api.SeedAsync(balance: 50);
        var run = NodeScript.RunAsync(
            script, ReferenceClientLiveUpdatesTests.WebSocketEndpoint(_host.Address).ToString(), OnRedemptionUpdated, Variables(seed), _api.Mutations.TokenFor(seed.Members[1]), "2");
        await _host.Services.WaitForRedisSubscriberAsync(Topics.Family(seed.Family.Id, Topics.RedemptionUpdated), run);

        var redemptionId = await RedeemAndRejectAsync(seed);

        var result = await run;
        Assert.True(result.ExitCode == 0, result.Describe());
        var events = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => JsonNode.Parse(line)!.AsObject())
            .Where(line => line["event"]!.GetValue<string>() == "next")
            .Select(line => line["payload"]!)
            .ToList();
        AssertRequestThenRejection(seed, redemptionId, events, result.Describe());
    }

    [Fact]
    public async Task GraphQLSseClient_RedeemThenReject_ReceivesTheRequestAndTheDecision()
    {
        var seed = await _api.SeedAsync(balance: 50);
        var run = NodeScript.RunAsync(
            "sse-client.mjs", new Uri(_host.Address, "/graphql").ToString(), OnRedemptionUpdated, Variables(seed), "2", "60000", _api.Mutations.TokenFor(seed.Members[1]));
        await _host.Services.WaitForRedisSubscriberAsync(Topics.Family(seed.Family.Id, Topics.RedemptionUpdated), run);

        var redemptionId = await RedeemAndRejectAsync(seed);

        var result = await run;
        Assert.True(result.ExitCode == 0, result.Describe());
        var verdict = result.ParseJsonVerdict();
        Assert.True(verdict["error"] is null, result.Describe());
        AssertRequestThenRejection(seed, redemptionId, [.. verdict["events"]!.AsArray().Select(e => e!)], result.Describe());
    }

    [Fact]
    public async Task Subscribe_ToAnotherFamily_IsNotFound()
    {
        var ours = await _api.SeedAsync(balance: 0);
        var theirs = await _api.SeedAsync(balance: 0);

        var result = await NodeScript.RunAsync(
            "ws-client.mjs", ReferenceClientLiveUpdatesTests.WebSocketEndpoint(_host.Address).ToString(), OnRedemptionUpdated, Variables(theirs), _api.Mutations.TokenFor(ours.Members[1]), "1");

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("\"NOT_FOUND\"", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\"redemptionUpdated\":{", result.Stdout, StringComparison.Ordinal);
    }

    private async Task<string> RedeemAndRejectAsync(FamilySeed seed)
    {
        var reward = await _api.AddRewardAsync(seed, cost: 20, stock: 4);
        var redeemed = await _api.RedeemAsync(seed.Members[2], reward);
        var redemptionId = redeemed["redemption"]!["id"]!.GetValue<string>();
        var rejected = await _api.RunAsync("RejectRedemption", seed.Members[1], new { redemptionId, reason = "Not today" });
        Assert.Null(rejected["errors"]);
        return redemptionId;
    }

    private static void AssertRequestThenRejection(FamilySeed seed, string redemptionId, List<JsonNode> events, string describe)
    {
        Assert.True(events.Count == 2 && events.All(e => e["errors"] is null && e["data"]?["redemptionUpdated"] is not null), describe);
        var (requested, rejected) = (events[0]["data"]!["redemptionUpdated"]!, events[1]["data"]!["redemptionUpdated"]!);
        Assert.Equal((redemptionId, redemptionId), (requested["id"]!.GetValue<string>(), rejected["id"]!.GetValue<string>()));
        Assert.Equal(GlobalId.Encode("User", seed.Members[2].Id), requested["user"]!["id"]!.GetValue<string>());

        // Each event reloads the redemption when it is delivered, so the first may already show the decision; the last
        // always does, with the refund in the member's balance and the stock back.
        Assert.Contains(requested["status"]!.GetValue<string>(), new[] { "REQUESTED", "REJECTED" });
        Assert.Equal(("REJECTED", "Not today", 50, 4), (rejected["status"]!.GetValue<string>(), rejected["reason"]!.GetValue<string>(),
            rejected["user"]!["totalPoints"]!.GetValue<int>(), rejected["reward"]!["stock"]!.GetValue<int>()));
    }

    private static string Variables(FamilySeed seed) => $$"""{"familyId":"{{GlobalId.Encode("Family", seed.Family.Id)}}"}""";
}
