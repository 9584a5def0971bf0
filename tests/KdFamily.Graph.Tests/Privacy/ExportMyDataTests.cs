using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using KdFamily.Application.Privacy;
using KdFamily.Domain.Data;
using KdFamily.Domain.Notifications;
using KdFamily.Domain.Reminders;
using KdFamily.Domain.Rewards;
using KdFamily.Graph.Privacy;
using KdFamily.Graph.Tests.Families;
using KdFamily.Graph.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace KdFamily.Graph.Tests.Privacy;

/// <summary>exportMyData and its signed download link, against the real host and PostgreSQL.</summary>
public sealed class ExportMyDataTests(PrivacyApiFactory factory) : IClassFixture<PrivacyApiFactory>
{
    private static readonly string Mutation = Operations.Load("ExportMyData");

    [Fact]
    public async Task ExportMyData_Redemptions_ListTheCallersWithTheRewardAndWhoDecided()
    {
        var seed = await PrivacySeed.CreateAsync(factory.Services);
        var now = SystemClock.Instance.GetCurrentInstant();
        var reward = new Reward { FamilyId = seed.Family.Family.Id, Name = "Cinema night", Cost = 40, CreatedAt = now, UpdatedAt = now };
        var redemption = new Redemption
        {
            FamilyId = reward.FamilyId, RewardId = reward.Id, UserId = seed.Leaver.Id, Cost = 40, Status = RedemptionStatus.Rejected,
            RequestedAt = now, DecidedAt = now, DecidedById = seed.Family.Advisor.Id, Reason = "Not this week",
        };
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
            db.Rewards.Add(reward);
            db.Redemptions.Add(redemption);
            await db.SaveChangesAsync();
        }

        var token = TestTokens.For(factory.Services, seed.Leaver);
        var link = await RequestLinkAsync(token);
        using var client = factory.CreateClient();
        using var response = await GetAsync(client, link.Url, token);
        var exported = Assert.Single(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["redemptions"]!.AsArray())!;

        Assert.Equal(redemption.Id, exported["id"]!.GetValue<Guid>());
        Assert.Equal("Cinema night", exported["reward"]!["name"]!.GetValue<string>());
        Assert.Equal((40, "Not this week"), (exported["cost"]!.GetValue<int>(), exported["reason"]!.GetValue<string>()));
        Assert.Equal(seed.Family.Advisor.FullName, exported["decidedBy"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task ExportMyData_NotificationPreferencesAndReminders_AreTheCallers()
    {
        var seed = await PrivacySeed.CreateAsync(factory.Services);
        var now = SystemClock.Instance.GetCurrentInstant();
        var due = now + Duration.FromHours(1);
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KdFamilyDbContext>();
            db.NotificationPreferences.Add(new NotificationPreferences
            {
                UserId = seed.Leaver.Id, MutedKinds = [NotificationKind.TaskDueSoon], QuietHoursStart = new LocalTime(21, 30), QuietHoursEnd = new LocalTime(7, 0), UpdatedAt = now,
            });
            db.TaskReminders.Add(new TaskReminder { TaskId = seed.OpenWork[0].Id, Kind = NotificationKind.TaskOverdue, DueDate = due, UserId = seed.Leaver.Id, SentAt = now });
            db.TaskReminders.Add(new TaskReminder { TaskId = seed.OpenWork[0].Id, Kind = NotificationKind.TaskDueSoon, DueDate = due, UserId = seed.Family.Advisor.Id, SentAt = now });
            await db.SaveChangesAsync();
        }

        var token = TestTokens.For(factory.Services, seed.Leaver);
        var link = await RequestLinkAsync(token);
        using var client = factory.CreateClient();
        using var response = await GetAsync(client, link.Url, token);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        var preferences = document["notificationPreferences"]!;
        Assert.Equal(["TASK_DUE_SOON"], preferences["mutedKinds"]!.AsArray().Select(k => k!.GetValue<string>()));
        Assert.Equal(("21:30:00", "07:00:00"), (preferences["quietHoursStart"]!.GetValue<string>(), preferences["quietHoursEnd"]!.GetValue<string>()));
        var reminder = Assert.Single(document["reminders"]!.AsArray())!;
        Assert.Equal((seed.OpenWork[0].Id, "TASK_OVERDUE"), (reminder["taskId"]!.GetValue<Guid>(), reminder["kind"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ExportMyData_Download_IsAnAttachmentOfTheCallersRowsOnlyAndNothingOfOthers()
    {
        var seed = await PrivacySeed.CreateAsync(factory.Services);
        var token = TestTokens.For(factory.Services, seed.Leaver);

        var link = await RequestLinkAsync(token);
        using var client = factory.CreateClient();
        using var response = await GetAsync(client, link.Url, token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.EndsWith(".json", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoStore, "Cache-Control: no-store");
        var text = await response.Content.ReadAsStringAsync();
        var document = JsonNode.Parse(text)!.AsObject();

        Assert.Equal(ExportMyDataHandler.Format, document["format"]!.GetValue<string>());
        Assert.Equal(PersonalDataSections.All.Select(s => s.Name), document.Select(p => p.Key).Skip(3));
        Assert.Equal(seed.Leaver.Email, document["profile"]!["email"]!.GetValue<string>());
        Assert.Equal(seed.Family.Family.Name, document["family"]!["name"]!.GetValue<string>());
        var taskIds = document["tasks"]!.AsArray().Select(t => t!["id"]!.GetValue<Guid>()).ToHashSet();
        Assert.Superset(seed.OpenWork.Select(t => t.Id).Append(seed.ApprovedWork.Id).Append(seed.Family.Tasks[^1].Id).ToHashSet(), taskIds); // assigned, approved, created
        Assert.Equal(6, taskIds.Count);
        Assert.Equal([5], document["pointsHistory"]!.AsArray().Select(p => p!["delta"]!.GetValue<int>()));
        Assert.Equal("IN_PROGRESS", document["tasks"]!.AsArray().Single(t => t!["id"]!.GetValue<Guid>() == seed.OpenWork[1].Id)!["status"]!.GetValue<string>());
        Assert.Single(document["notifications"]!.AsArray());
        Assert.Single(document["achievements"]!.AsArray());
        Assert.Single(document["files"]!.AsArray());
        Assert.Single(document["weeklyStandings"]!.AsArray());
        Assert.Single(document["recurringTasks"]!.AsArray());
        Assert.Single(document["emailChangeRequests"]!.AsArray());
        Assert.Single(document["passwordResets"]!.AsArray());
        Assert.Equal(2, document["sessions"]!.AsArray().Count);
        Assert.Contains(seed.LeaverIp, document["sessions"]!.ToJsonString(), StringComparison.Ordinal);
        var audit = document["auditLog"]!.AsArray();
        Assert.Equal(
            ["auth.login_failed", "auth.login_succeeded", "user.data_export_requested", "user.role_changed"],
            audit.Select(a => a!["action"]!.GetValue<string>()).Order());
        Assert.Null(audit.Single(a => a!["action"]!.GetValue<string>() == "user.role_changed")!["ipAddress"]); // the advisor's address is theirs

        // Other members appear by id and name only; secrets and other families never.
        var advisor = seed.Family.Advisor;
        Assert.Contains(advisor.FullName, text, StringComparison.Ordinal);
        var forbidden = seed.Family.Members.Where(m => m != seed.Leaver).SelectMany(m => new[] { m.Email!, m.Username })
            .Concat(seed.OtherFamily.Members.SelectMany(m => new[] { m.Id.ToString(), m.Email!, m.FullName }))
            .Append(seed.OtherFamily.Family.Id.ToString()).Append(seed.OtherFamily.Family.Name)
            .Append(seed.Leaver.PasswordHash).Append(seed.LeaverTokenHash).Append("198.51.100.1").Append("192.0.2.3")
            .Append("passwordHash").Append("tokenHash").Append("TokenHash");
        Assert.Empty(forbidden.Where(f => text.Contains(f, StringComparison.OrdinalIgnoreCase)).ToList());
    }

    [Fact]
    public async Task ExportLink_TamperedExpiredOrAnotherUsers_IsRefused()
    {
        var seed = await PrivacySeed.CreateAsync(factory.Services);
        var token = TestTokens.For(factory.Services, seed.Leaver);
        var otherToken = TestTokens.For(factory.Services, seed.Family.Members[3]);
        var link = await RequestLinkAsync(token);
        using var client = factory.CreateClient();
        var signature = link.Url[(link.Url.LastIndexOf('.') + 1)..];
        var flipped = link.Url[..^signature.Length] + (signature[0] == 'A' ? 'B' : 'A') + signature[1..];
        var otherUser = link.Url.Replace($"{seed.Leaver.Id:N}", $"{seed.Family.Members[3].Id:N}", StringComparison.Ordinal);
        var links = factory.Services.GetRequiredService<ExportLinks>();
        var expired = links.Issue(seed.Leaver.Id, SystemClock.Instance.GetCurrentInstant() - Duration.FromHours(1));

        Assert.Equal((HttpStatusCode.OK, null), await OutcomeAsync(client, link.Url, token));
        Assert.Equal((HttpStatusCode.NotFound, "EXPORT_LINK_INVALID"), await OutcomeAsync(client, flipped, token));
        Assert.Equal((HttpStatusCode.NotFound, "EXPORT_LINK_INVALID"), await OutcomeAsync(client, otherUser, token));
        Assert.Equal((HttpStatusCode.NotFound, "EXPORT_LINK_INVALID"), await OutcomeAsync(client, otherUser, otherToken));
        Assert.Equal((HttpStatusCode.NotFound, "EXPORT_LINK_INVALID"), await OutcomeAsync(client, link.Url, otherToken));
        Assert.Equal((HttpStatusCode.NotFound, "EXPORT_LINK_INVALID"), await OutcomeAsync(client, link.Url + "x", token));
        Assert.Equal((HttpStatusCode.Gone, "EXPORT_LINK_EXPIRED"), await OutcomeAsync(client, expired.Url, token));
        Assert.Equal((HttpStatusCode.Unauthorized, "AUTH_NOT_AUTHENTICATED"), await OutcomeAsync(client, link.Url, null));
    }

    [Fact]
    public async Task ExportMyData_Mutation_AuditsTheRequestAndTheLinkExpiresWithinItsLifetime()
    {
        var seed = await PrivacySeed.CreateAsync(factory.Services);
        var token = TestTokens.For(factory.Services, seed.Leaver);
        var before = SystemClock.Instance.GetCurrentInstant();

        var link = await RequestLinkAsync(token);

        Assert.StartsWith("/api/v1/exports/", link.Url, StringComparison.Ordinal);
        Assert.InRange(link.ExpiresAt, before + Duration.FromMinutes(4), before + Duration.FromMinutes(6));
        await using var rows = new DatabaseRows(factory.PostgresConnectionString);
        Assert.Equal(1, await rows.CountAsync("SELECT count(*) FROM audit_log WHERE action = 'user.data_export_requested' AND actor_id = @p0", seed.Leaver.Id));
    }

    private async Task<ExportLink> RequestLinkAsync(string token)
    {
        using var client = factory.CreateClient();
        var payload = (await client.PostGraphQLAsync(Mutation, null, token)).Payload("exportMyData");
        Assert.True(payload["errors"] is null, payload.ToJsonString());
        return new ExportLink(payload["url"]!.GetValue<string>(), Instant.FromDateTimeOffset(DateTimeOffset.Parse(payload["expiresAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string url, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await client.SendAsync(request);
    }

    private static async Task<(HttpStatusCode, string?)> OutcomeAsync(HttpClient client, string url, string? token)
    {
        using var response = await GetAsync(client, url, token);
        Assert.True(response.Headers.CacheControl?.NoStore, "Cache-Control: no-store");
        if (response.StatusCode == HttpStatusCode.OK)
        {
            return (response.StatusCode, null);
        }

        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return (response.StatusCode, problem["code"]?.GetValue<string>());
    }
}
