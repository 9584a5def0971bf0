using System.Text.Json.Nodes;
using GraphQLServer.Relay;
using KdFamily.Graph.Tests.Families;
using KdFamily.Graph.Tests.Infrastructure;

namespace KdFamily.Graph.Tests.Privacy;

/// <summary>
/// deleteFamily against PostgreSQL, checked table by table: every table of the database must be classified below (a new
/// table fails the test until someone decides what deleting a family does to it).
/// </summary>
public sealed class DeleteFamilyTests(PrivacyApiFactory factory) : IClassFixture<PrivacyApiFactory>
{
    private static readonly string Mutation = Operations.Load("DeleteFamily");
    private static readonly string Leaderboard = Operations.Load("Leaderboard");

    [Fact]
    public async Task DeleteFamily_ByAdvisorWithTheExactName_DeletesEverythingOfTheFamilyKeepsOneAuditRowAndNothingElsesChanges()
    {
        var seed = await PrivacySeed.CreateAsync(factory.Services);
        var family = seed.Family.Family.Id;
        var members = seed.Family.Members.Select(m => m.Id).ToArray();
        var tokens = seed.Family.Members.Select(m => TestTokens.For(factory.Services, m)).ToList();
        var otherToken = TestTokens.For(factory.Services, seed.OtherFamily.Advisor);
        var otherStandings = await StandingsAsync(seed.OtherFamily, otherToken);
        await using var rows = new DatabaseRows(factory.PostgresConnectionString);
        var taskIds = await rows.IdsAsync("SELECT id FROM tasks WHERE family_id = @p0", family);
        var sessionIds = await rows.IdsAsync("SELECT id FROM auth_sessions WHERE user_id = ANY(@p0)", members);
        var addresses = seed.Family.Members.Select(m => m.Email).Append(seed.PendingEmail).ToArray();
        object[] parameters = [family, members, taskIds, addresses, sessionIds];
        Assert.NotEmpty(taskIds);
        Assert.NotEmpty(sessionIds);
        var before = new Dictionary<string, string>();
        foreach (var table in await rows.TablesAsync())
        {
            before[table] = await rows.DigestAsync(table, OtherFamilyRows(table), parameters);
        }

        var payload = await DeleteAsync(tokens[0], seed.Family.Family.Name);

        Assert.True(payload["errors"] is null, payload.ToJsonString());
        Assert.Equal(GlobalId.Encode("Family", family), payload["deletedFamilyId"]!.GetValue<string>());
        var ofFamily = OfFamily();
        var tables = await rows.TablesAsync();
        Assert.DoesNotContain(tables, t => !ofFamily.ContainsKey(t)); // classify every new table in OfFamily
        foreach (var table in tables)
        {
            // Nothing of the deleted family remains (but the one audit row), and every other row is as it was.
            Assert.Equal((table, table == "audit_log" ? 1L : 0L), (table, await rows.CountAsync($"SELECT count(*) FROM \"{table}\" t WHERE {ofFamily[table]}", parameters)));
            Assert.Equal((table, before[table]), (table, await rows.DigestAsync(table, OtherFamilyRows(table), parameters)));
        }

        Assert.Equal(1, await rows.CountAsync(
            "SELECT count(*) FROM audit_log WHERE action = 'family.deleted' AND family_id = @p0 AND actor_id = @p1 AND target_id = @p0 AND ip_address IS NULL AND user_agent IS NULL",
            family, seed.Family.Advisor.Id));
        foreach (var trace in seed.Family.Members.SelectMany(m => new[] { m.Email!, m.Username }).Append(seed.Leaver.FullName).Append(seed.PendingEmail))
        {
            Assert.Empty(await rows.TablesContainingAsync(trace));
        }

        using var client = factory.CreateClient();
        foreach (var token in tokens)
        {
            Assert.Equal("AUTH_NOT_AUTHENTICATED", (await client.PostGraphQLAsync("{ me { id } }", null, token)).RequestErrorCode());
        }

        Assert.Equal(otherStandings, await StandingsAsync(seed.OtherFamily, otherToken));
    }

    [Theory]
    [InlineData("privacy")]
    [InlineData("Privacy ")]
    [InlineData("")]
    public async Task DeleteFamily_ConfirmNameNotExactlyTheName_ReturnsFamilyNameMismatchAndDeletesNothing(string confirmName)
    {
        var seed = await PrivacySeed.CreateAsync(factory.Services);
        var token = TestTokens.For(factory.Services, seed.Family.Advisor);
        await using var rows = new DatabaseRows(factory.PostgresConnectionString);
        var before = await rows.DigestAsync("users");

        var payload = await DeleteAsync(token, confirmName);

        Assert.Equal(("FamilyNameMismatchError", "FAMILY_NAME_MISMATCH"), payload.SingleError());
        Assert.Equal(before, await rows.DigestAsync("users"));
        Assert.Equal(1, await rows.CountAsync("SELECT count(*) FROM families WHERE id = @p0", seed.Family.Family.Id));
    }

    [Fact]
    public async Task DeleteFamily_ByParent_IsRefusedBeforeItRuns()
    {
        var seed = await PrivacySeed.CreateAsync(factory.Services);

        var response = await factory.PostAsAsync(seed.Family.Members[1], Mutation, new { input = new { confirmName = seed.Family.Family.Name } });

        Assert.Equal("AUTH_NOT_AUTHORIZED", response.RequestErrorCode());
    }

    /// <summary>
    /// Per table, the rows that belong to the deleted family: @p0 its id, @p1 its members, @p2 its tasks, @p3 its members'
    /// addresses (and a pending new one), @p4 its members' sessions, all read before the deletion.
    /// </summary>
    private static Dictionary<string, string> OfFamily() => new()
    {
        ["__EFMigrationsHistory"] = "false",
        ["achievements"] = "false",
        ["families"] = "id = @p0",
        ["users"] = "family_id = @p0 OR id = ANY(@p1)",
        ["auth_sessions"] = "user_id = ANY(@p1)",
        ["refresh_tokens"] = "session_id = ANY(@p4)",
        ["password_reset_tokens"] = "user_id = ANY(@p1)",
        ["password_reset_requests"] = "email = ANY(@p3)",
        ["email_change_requests"] = "user_id = ANY(@p1)",
        ["away_periods"] = "family_id = @p0 OR user_id = ANY(@p1)",
        ["outbound_emails"] = "\"to\" = ANY(@p3)",
        ["notifications"] = "family_id = @p0 OR user_id = ANY(@p1)",
        ["notification_preferences"] = "user_id = ANY(@p1)",
        ["task_reminders"] = "task_id = ANY(@p2) OR user_id = ANY(@p1)",
        ["user_achievements"] = "user_id = ANY(@p1)",
        ["task_types"] = "family_id = @p0",
        ["tasks"] = "family_id = @p0 OR id = ANY(@p2)",
        ["task_attachments"] = "task_id = ANY(@p2) OR uploaded_by_id = ANY(@p1)",
        ["task_transitions"] = "task_id = ANY(@p2) OR actor_id = ANY(@p1)",
        ["points_history"] = "family_id = @p0 OR user_id = ANY(@p1)",
        ["weekly_settlements"] = "family_id = @p0",
        ["rewards"] = "family_id = @p0",
        ["redemptions"] = "family_id = @p0 OR user_id = ANY(@p1)",
        ["recurring_task_templates"] = "family_id = @p0",
        ["audit_log"] = "family_id = @p0 OR actor_id = ANY(@p1) OR target_id = ANY(@p1)",
    };

    /// <summary>The other rows of a table (everything not of the deleted family), which must stay exactly as they were.</summary>
    private static string OtherFamilyRows(string table) =>
        table == "auth_sessions" ? "false" // requests refresh sessions; the deleted family's are checked above
        : OfFamily().TryGetValue(table, out var of) ? $"NOT ({of})"
        : "true";

    private async Task<string> StandingsAsync(FamilySeed family, string token)
    {
        using var client = factory.CreateClient();
        var response = await client.PostGraphQLAsync(Leaderboard, new { familyId = GlobalId.Encode("Family", family.Family.Id), period = "ALL_TIME" }, token);
        return response["data"]!["family"]!["leaderboard"]!.ToJsonString();
    }

    private async Task<JsonNode> DeleteAsync(string token, string confirmName)
    {
        using var client = factory.CreateClient();
        return (await client.PostGraphQLAsync(Mutation, new { input = new { confirmName } }, token)).Payload("deleteFamily");
    }
}
