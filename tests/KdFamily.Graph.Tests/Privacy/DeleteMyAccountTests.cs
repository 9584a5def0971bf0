using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GraphQLServer.Relay;
using KdFamily.Application.Pipeline;
using KdFamily.Application.Privacy;
using KdFamily.Graph.Tests.Families;
using KdFamily.Graph.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace KdFamily.Graph.Tests.Privacy;

/// <summary>
/// deleteMyAccount against PostgreSQL, checked table by table: every table of the database must be classified below
/// (a new table fails the test until someone decides what deleting an account does to it).
/// </summary>
public sealed class DeleteMyAccountTests(PrivacyApiFactory factory) : IClassFixture<PrivacyApiFactory>
{
    private static readonly string Mutation = Operations.Load("DeleteMyAccount");
    private static readonly string Leaderboard = Operations.Load("Leaderboard");

    [Fact]
    public async Task DeleteMyAccount_RightPassword_ErasesTheMemberKeepsTheFamilysHistoryAndLeavesEveryTableAsClassified()
    {
        var seed = await PrivacySeed.CreateAsync(factory.Services);
        var leaver = seed.Leaver;
        var (token, sessionId) = TestTokens.Session(factory.Services, leaver);
        var advisorToken = TestTokens.For(factory.Services, seed.Family.Advisor);
        var traces = seed.LeaverTraces;
        var standingsBefore = await OthersStandingsAsync(seed, advisorToken);
        await using var rows = new DatabaseRows(factory.PostgresConnectionString);
        var before = await SnapshotAsync(rows, seed);

        var payload = await DeleteAsync(token, PrivacySeed.Password);

        Assert.True(payload["errors"] is null, payload.ToJsonString());
        Assert.Equal(GlobalId.Encode("User", leaver.Id), payload["deletedUserId"]!.GetValue<string>());
        var checks = AfterDeletion(seed, before, sessionId);
        var tables = await rows.TablesAsync();
        Assert.DoesNotContain(tables, t => !checks.ContainsKey(t)); // classify every new table in AfterDeletion
        foreach (var table in tables)
        {
            await checks[table](rows);
        }

        foreach (var trace in traces)
        {
            Assert.Empty(await rows.TablesContainingAsync(trace));
        }

        // Balances (ALL_TIME) and this week's standings of everyone else, ranks included, are what they were.
        Assert.Equal(standingsBefore, await OthersStandingsAsync(seed, advisorToken));
    }

    [Fact]
    public async Task DeleteMyAccount_WrongPassword_ReturnsInvalidCredentialsAndChangesNothing()
    {
        var seed = await PrivacySeed.CreateAsync(factory.Services);
        var token = TestTokens.For(factory.Services, seed.Leaver);
        await using var rows = new DatabaseRows(factory.PostgresConnectionString);
        var before = await AllTablesAsync(rows);

        var payload = await DeleteAsync(token, "not-the-password");

        Assert.Equal(("InvalidCredentialsError", "AUTH_INVALID_CREDENTIALS"), payload.SingleError());
        Assert.Equal(before, await AllTablesAsync(rows));
        Assert.NotNull((await factory.PostAsAsync(seed.Leaver, "{ me { id fullName } }", new { }))["data"]!["me"]);
    }

    [Fact]
    public async Task DeleteMyAccount_LastAdvisorWithOtherMembers_ReturnsLastAdvisorAndChangesNothing()
    {
        var seed = await PrivacySeed.CreateAsync(factory.Services);
        var advisor = seed.Family.Advisor;
        advisor.PasswordHash = seed.Leaver.PasswordHash;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KdFamily.Domain.Data.KdFamilyDbContext>();
            db.Users.Attach(advisor).Property(u => u.PasswordHash).IsModified = true;
            await db.SaveChangesAsync();
        }

        var token = TestTokens.For(factory.Services, advisor);
        await using var rows = new DatabaseRows(factory.PostgresConnectionString);
        var before = await AllTablesAsync(rows);

        var payload = await DeleteAsync(token, PrivacySeed.Password);

        Assert.Equal(("LastAdvisorError", "LAST_ADVISOR"), payload.SingleError());
        Assert.Contains("deleteFamily", payload["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, await AllTablesAsync(rows));
    }

    [Fact]
    public async Task DeleteMyAccount_Repeated_AnswersTheSameSuccessRefusesTheOldTokenAndTheLogin()
    {
        var seed = await PrivacySeed.CreateAsync(factory.Services);
        var token = TestTokens.For(factory.Services, seed.Leaver);
        Assert.True((await DeleteAsync(token, PrivacySeed.Password))["errors"] is null);
        await using var rows = new DatabaseRows(factory.PostgresConnectionString);
        var after = await AllTablesAsync(rows);

        // The same request again: the session went with the account, so the token is refused like any ended session.
        using var client = factory.CreateClient();
        var retried = await client.PostGraphQLAsync(Mutation, new { input = new { password = PrivacySeed.Password } }, token);
        Assert.Equal("AUTH_NOT_AUTHENTICATED", retried.RequestErrorCode());

        // A retry that raced the first (it passed authentication before the commit) is told the same success, changing nothing.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var handler = scope.ServiceProvider.GetRequiredService<IUseCase<DeleteMyAccount, DeletedAccount>>();
            var again = await handler.HandleAsync(new DeleteMyAccount(seed.Leaver.Id, "anything"), CancellationToken.None);
            Assert.Equal(new DeletedAccount(seed.Leaver.Id), again.Value);
        }

        Assert.Equal(after, await AllTablesAsync(rows));
        foreach (var login in new[] { seed.Leaver.Username, seed.Leaver.Email, $"deleted-{seed.Leaver.Id:N}" })
        {
            using var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { login, password = PrivacySeed.Password });
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Fact]
    public async Task DeleteMyAccount_LastMemberOfTheFamily_DeletesTheFamilyWithThem()
    {
        var seed = await PrivacySeed.CreateAsync(factory.Services);
        var loneFamily = FamilySeed.Create("Alone", 1, 3, SystemClock.Instance.GetCurrentInstant());
        loneFamily.Advisor.PasswordHash = seed.Leaver.PasswordHash;
        await loneFamily.SaveAsync(factory.Services);
        var token = TestTokens.For(factory.Services, loneFamily.Advisor);

        var payload = await DeleteAsync(token, PrivacySeed.Password);

        Assert.True(payload["errors"] is null, payload.ToJsonString());
        await using var rows = new DatabaseRows(factory.PostgresConnectionString);
        Assert.Equal(0, await rows.CountAsync("SELECT count(*) FROM families WHERE id = @p0", loneFamily.Family.Id));
        Assert.Equal(0, await rows.CountAsync("SELECT count(*) FROM users WHERE family_id = @p0", loneFamily.Family.Id));
        Assert.Equal(0, await rows.CountAsync("SELECT count(*) FROM tasks WHERE family_id = @p0", loneFamily.Family.Id));
        Assert.Equal(1, await rows.CountAsync("SELECT count(*) FROM audit_log WHERE family_id = @p0 AND action = 'family.deleted' AND ip_address IS NULL", loneFamily.Family.Id));
        Assert.Empty(await rows.TablesContainingAsync(loneFamily.Advisor.Email!));
    }

    /// <summary>What must hold of each table after the leaver deleted their account.</summary>
    private static Dictionary<string, Func<DatabaseRows, Task>> AfterDeletion(PrivacySeed seed, Dictionary<string, string> before, Guid requestSessionId)
    {
        var leaver = seed.Leaver.Id;
        var open = seed.OpenWork.Select(t => t.Id).ToArray();
        async Task Unchanged(DatabaseRows rows, string table, string where = "true", params object[] parameters) =>
            Assert.Equal(before[$"{table}:{where}"], await rows.DigestAsync(table, where, parameters));
        async Task None(DatabaseRows rows, string sql, params object[] parameters) => Assert.Equal(0, await rows.CountAsync(sql, parameters));

        return new()
        {
            ["__EFMigrationsHistory"] = rows => Unchanged(rows, "__EFMigrationsHistory"),
            ["families"] = rows => Unchanged(rows, "families"),
            ["achievements"] = rows => Unchanged(rows, "achievements"),
            ["users"] = async rows =>
            {
                await Unchanged(rows, "users", "id <> @p0", leaver);
                Assert.Equal(1, await rows.CountAsync(
                    "SELECT count(*) FROM users WHERE id = @p0 AND full_name = 'Deleted member' AND username = @p1 AND email = @p2 AND password_hash = '' "
                    + "AND avatar_url IS NULL AND removed_at IS NOT NULL AND erased_at IS NOT NULL",
                    leaver, $"deleted-{leaver:N}", $"deleted-{leaver:N}@deleted.invalid"));
            },
            // Other members' sessions may be touched by their own requests: their number is what must not change.
            ["auth_sessions"] = async rows =>
            {
                await None(rows, "SELECT count(*) FROM auth_sessions WHERE user_id = @p0", leaver);
                Assert.Equal(before["auth_sessions:others"], (await rows.CountAsync("SELECT count(*) FROM auth_sessions WHERE user_id <> @p0", leaver)).ToString(System.Globalization.CultureInfo.InvariantCulture));
            },
            ["refresh_tokens"] = async rows =>
            {
                await None(rows, "SELECT count(*) FROM refresh_tokens WHERE token_hash = @p0 OR session_id = @p1", seed.LeaverTokenHash, requestSessionId);
                await Unchanged(rows, "refresh_tokens", "token_hash <> @p0", seed.LeaverTokenHash);
            },
            ["password_reset_tokens"] = rows => None(rows, "SELECT count(*) FROM password_reset_tokens WHERE user_id = @p0", leaver),
            ["password_reset_requests"] = rows => None(rows, "SELECT count(*) FROM password_reset_requests WHERE email = @p0", seed.Leaver.Email!),
            ["email_change_requests"] = rows => None(rows, "SELECT count(*) FROM email_change_requests WHERE user_id = @p0", leaver),
            ["away_periods"] = async rows =>
            {
                await None(rows, "SELECT count(*) FROM away_periods WHERE user_id = @p0", leaver);
                await Unchanged(rows, "away_periods", "user_id <> @p0", leaver);
            },
            ["outbound_emails"] = async rows =>
            {
                await None(rows, "SELECT count(*) FROM outbound_emails WHERE \"to\" IN (@p0, @p1)", seed.Leaver.Email!, seed.PendingEmail);
                await Unchanged(rows, "outbound_emails", "\"to\" NOT IN (@p0, @p1)", seed.Leaver.Email!, seed.PendingEmail);
            },
            ["notifications"] = async rows =>
            {
                await None(rows, "SELECT count(*) FROM notifications WHERE user_id = @p0", leaver);
                Assert.Equal(1, await rows.CountAsync("SELECT count(*) FROM notifications WHERE body = 'Deleted member joined the family with an invite code.'"));
                await Unchanged(rows, "notifications", "user_id <> @p0 AND kind <> 'MemberJoined'", leaver);
            },
            ["notification_preferences"] = async rows =>
            {
                await None(rows, "SELECT count(*) FROM notification_preferences WHERE user_id = @p0", leaver);
                await Unchanged(rows, "notification_preferences", "user_id <> @p0", leaver);
            },
            ["task_reminders"] = async rows =>
            {
                await None(rows, "SELECT count(*) FROM task_reminders WHERE user_id = @p0", leaver);
                await Unchanged(rows, "task_reminders", "user_id <> @p0", leaver);
            },
            ["user_achievements"] = async rows =>
            {
                await None(rows, "SELECT count(*) FROM user_achievements WHERE user_id = @p0", leaver);
                await Unchanged(rows, "user_achievements", "user_id <> @p0", leaver);
            },
            ["task_attachments"] = async rows =>
            {
                await None(rows, "SELECT count(*) FROM task_attachments WHERE uploaded_by_id = @p0", leaver);
                await Unchanged(rows, "task_attachments", "uploaded_by_id <> @p0", leaver);
            },
            ["task_types"] = rows => Unchanged(rows, "task_types"),
            ["tasks"] = async rows =>
            {
                await Unchanged(rows, "tasks", "NOT (id = ANY(@p0))", open);
                Assert.Equal(open.Length, await rows.CountAsync("SELECT count(*) FROM tasks WHERE id = ANY(@p0) AND assigned_to_id IS NULL AND status = 'Pending' AND completed_at IS NULL", open));
                Assert.Equal(1, await rows.CountAsync("SELECT count(*) FROM tasks WHERE id = @p0 AND assigned_to_id = @p1 AND status = 'Approved'", seed.ApprovedWork.Id, leaver));
            },
            ["task_transitions"] = async rows =>
            {
                await Unchanged(rows, "task_transitions", "action <> 'unassign'");
                Assert.Equal(open.Length, await rows.CountAsync("SELECT count(*) FROM task_transitions WHERE action = 'unassign' AND actor_id = @p0 AND task_id = ANY(@p1)", leaver, open));
            },
            ["points_history"] = rows => Unchanged(rows, "points_history"),
            ["weekly_settlements"] = rows => Unchanged(rows, "weekly_settlements"),
            ["rewards"] = rows => Unchanged(rows, "rewards"),
            ["redemptions"] = rows => Unchanged(rows, "redemptions"), // kept like the ledger rows they match, on the pseudonymised member
            ["recurring_task_templates"] = async rows =>
            {
                await None(rows, "SELECT count(*) FROM recurring_task_templates WHERE assigned_to_id = @p0", leaver);
                await Unchanged(rows, "recurring_task_templates", "id <> @p0", seed.Series.Id);
                Assert.Equal(1, await rows.CountAsync("SELECT count(*) FROM recurring_task_templates WHERE id = @p0 AND assigned_to_id IS NULL", seed.Series.Id));
            },
            ["audit_log"] = async rows =>
            {
                await Unchanged(rows, "audit_log", "actor_id IS DISTINCT FROM @p0", leaver);
                await None(rows, "SELECT count(*) FROM audit_log WHERE actor_id = @p0 AND (ip_address IS NOT NULL OR user_agent IS NOT NULL)", leaver);
                Assert.Equal(1, await rows.CountAsync("SELECT count(*) FROM audit_log WHERE action = 'user.account_deleted' AND actor_id = @p0 AND target_id = @p0", leaver));
                Assert.Equal(
                    "auth.login_failed,auth.login_succeeded,user.account_deleted",
                    await rows.TextAsync("SELECT string_agg(action, ',' ORDER BY action) FROM audit_log WHERE actor_id = @p0", leaver));
            },
        };
    }

    private static async Task<Dictionary<string, string>> SnapshotAsync(DatabaseRows rows, PrivacySeed seed)
    {
        var leaver = seed.Leaver.Id;
        var open = seed.OpenWork.Select(t => t.Id).ToArray();
        var snapshot = new Dictionary<string, string>();
        async Task Add(string table, string where = "true", params object[] parameters) =>
            snapshot[$"{table}:{where}"] = await rows.DigestAsync(table, where, parameters);
        foreach (var table in new[] { "__EFMigrationsHistory", "families", "achievements", "task_types", "points_history", "weekly_settlements", "rewards", "redemptions" })
        {
            await Add(table);
        }

        await Add("users", "id <> @p0", leaver);
        await Add("refresh_tokens", "token_hash <> @p0", seed.LeaverTokenHash);
        await Add("outbound_emails", "\"to\" NOT IN (@p0, @p1)", seed.Leaver.Email!, seed.PendingEmail);
        await Add("notifications", "user_id <> @p0 AND kind <> 'MemberJoined'", leaver);
        await Add("notification_preferences", "user_id <> @p0", leaver);
        await Add("task_reminders", "user_id <> @p0", leaver);
        await Add("user_achievements", "user_id <> @p0", leaver);
        await Add("away_periods", "user_id <> @p0", leaver);
        await Add("task_attachments", "uploaded_by_id <> @p0", leaver);
        await Add("tasks", "NOT (id = ANY(@p0))", open);
        await Add("task_transitions", "action <> 'unassign'");
        await Add("recurring_task_templates", "id <> @p0", seed.Series.Id);
        await Add("audit_log", "actor_id IS DISTINCT FROM @p0", leaver);
        snapshot["auth_sessions:others"] = (await rows.CountAsync("SELECT count(*) FROM auth_sessions WHERE user_id <> @p0", leaver)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return snapshot;
    }

    /// <summary>Every table but the sessions (requests may refresh them), as comparable text.</summary>
    private static async Task<Dictionary<string, string>> AllTablesAsync(DatabaseRows rows)
    {
        var content = new Dictionary<string, string>();
        foreach (var table in (await rows.TablesAsync()).Where(t => t != "auth_sessions"))
        {
            content[table] = await rows.DigestAsync(table);
        }

        return content;
    }

    /// <summary>The other members' leaderboard rows, as the advisor sees them, for both periods.</summary>
    private async Task<string> OthersStandingsAsync(PrivacySeed seed, string advisorToken)
    {
        using var client = factory.CreateClient();
        var leaver = GlobalId.Encode("User", seed.Leaver.Id);
        var lines = new List<string>();
        foreach (var period in new[] { "ALL_TIME", "WEEK" })
        {
            var response = await client.PostGraphQLAsync(Leaderboard, new { familyId = GlobalId.Encode("Family", seed.Family.Family.Id), period }, advisorToken);
            var entries = response["data"]!["family"]!["leaderboard"]!.AsArray();
            Assert.NotEmpty(entries);
            lines.AddRange(entries.Where(e => e!["user"]!["id"]!.GetValue<string>() != leaver).Select(e =>
                $"{period} {e!["user"]!["id"]} rank {e["rank"]} points {e["points"]} total {e["totalPoints"]}"));
        }

        return string.Join('\n', lines);
    }

    private async Task<JsonNode> DeleteAsync(string token, string password)
    {
        using var client = factory.CreateClient();
        return (await client.PostGraphQLAsync(Mutation, new { input = new { password } }, token)).Payload("deleteMyAccount");
    }
}
