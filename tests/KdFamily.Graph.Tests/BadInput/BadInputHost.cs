using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using KdFamily.Graph.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace KdFamily.Graph.Tests.BadInput;

/// <summary>
/// The real host on Kestrel (a loopback port), with the admin endpoint on, every log line kept in memory, and one
/// registered family (advisor, member, one task) to aim hostile requests at.
/// </summary>
public sealed class BadInputHost : KdFamilyApiFactory, IAsyncLifetime
{
    public const string AdminKey = "bad-input-tests-admin-key-0123456789abcdef";

    private readonly CapturingLoggerProvider _logs = new();

    public HttpClient Client { get; private set; } = null!;

    public string AdvisorToken { get; private set; } = "";

    public string AdvisorRefreshToken { get; private set; } = "";

    public string FamilyId { get; private set; } = "";

    public string MemberId { get; private set; } = "";

    public string TaskId { get; private set; } = "";

    public IEnumerable<string> LogLines => _logs.Lines;

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() => [new("Admin:ApiKey", AdminKey)];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(_logs));
    }

    public async Task InitializeAsync()
    {
        Client = new HttpClient { BaseAddress = StartKestrel(), Timeout = TimeSpan.FromSeconds(30) };
        var name = "bad" + Guid.NewGuid().ToString("N")[..12];
        var advisor = await PostJsonAsync("/api/v1/auth/register", $$"""
            {"username":"{{name}}","email":"{{name}}@example.test","password":"correct horse battery","fullName":"Ada Advisor","familyName":"Bad Input"}
            """);
        Assert.True(advisor.Status == HttpStatusCode.Created, advisor.Body?.ToJsonString());
        AdvisorToken = advisor.Body!["accessToken"]!.GetValue<string>();
        AdvisorRefreshToken = advisor.Body!["refreshToken"]!.GetValue<string>();
        FamilyId = advisor.Body!["user"]!["familyId"]!.GetValue<string>();

        var family = await GraphQLAsync("query($id: ID!) { family(id: $id) { inviteCode } }", $$"""{"id":"{{FamilyId}}"}""");
        var invite = family.Body!["data"]!["family"]!["inviteCode"]!.GetValue<string>();
        var member = await PostJsonAsync("/api/v1/auth/register", $$"""
            {"username":"{{name}}m","email":"{{name}}m@example.test","password":"correct horse battery","fullName":"Max Member","inviteCode":"{{invite}}"}
            """);
        Assert.True(member.Status == HttpStatusCode.Created, member.Body?.ToJsonString());
        MemberId = member.Body!["user"]!["id"]!.GetValue<string>();

        var task = await GraphQLAsync("mutation { createTask(input: {title: \"Dishes\", points: 5}) { task { id } errors { ... on Error { code } } } }");
        TaskId = task.Body?["data"]?["createTask"]?["task"]?["id"]?.GetValue<string>() ?? throw new InvalidOperationException($"createTask: {task.Text}");
    }

    Task IAsyncLifetime.DisposeAsync()
    {
        Client.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>POSTs a GraphQL request as the advisor; <paramref name="variablesJson"/> is inserted as raw JSON.</summary>
    public Task<(HttpStatusCode Status, JsonObject? Body, string Text)> GraphQLAsync(string query, string? variablesJson = null) =>
        PostAsync("/graphql", Encoding.UTF8.GetBytes(
            $$"""{"query":{{JsonValue.Create(query).ToJsonString()}},"variables":{{variablesJson ?? "null"}}}"""), AdvisorToken);

    public Task<(HttpStatusCode Status, JsonObject? Body, string Text)> PostJsonAsync(string path, string json, string? token = null) =>
        PostAsync(path, Encoding.UTF8.GetBytes(json), token);

    public async Task<(HttpStatusCode Status, JsonObject? Body, string Text)> PostAsync(string path, byte[] body, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Accept.ParseAdd(path == "/graphql" ? "application/graphql-response+json" : "application/json");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (path.StartsWith("/api/v1/admin", StringComparison.Ordinal))
        {
            request.Headers.Add("X-Admin-Key", AdminKey);
        }

        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonObject? parsed = null;
        try
        {
            parsed = JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            // Asserted by the caller: every answer here must be JSON.
        }

        return (response.StatusCode, parsed, text);
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IEnumerable<string> Lines => _lines;

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception?.GetType().Name}");
                }
            }
        }
    }
}
