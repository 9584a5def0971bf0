using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using KdFamily.Graph.Tests.Infrastructure;
using NodaTime;
using Xunit.Abstractions;

namespace KdFamily.Graph.Tests.Server.Limits;

/// <summary>Runs alone, so the process's CPU time and allocations during a request are that request's.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServerCostMeasuredAlone
{
    public const string Name = "Server cost measured alone";
}

/// <summary>
/// Issue 7 items 1–3, black-box against the real host on a loopback socket: hostile documents (exponential and
/// chained fragments, duplicated directives, deep nesting, pairwise-compared fields, arguments, variables and
/// operations, nested lists) are refused or answered within 1 s of server CPU and 256 MB of allocations, and the
/// process keeps serving. Over WebSocket too: the same checks run on every transport.
/// </summary>
[Collection(ServerCostMeasuredAlone.Name)]
public sealed class DocumentAbuseTests(KdFamilyApiFactory factory, ITestOutputHelper output) : IClassFixture<KdFamilyApiFactory>
{
    private static readonly TimeSpan CpuBudget = TimeSpan.FromSeconds(1);
    private const long AllocationBudget = 256L * 1024 * 1024;

    public static TheoryData<string, string, string> HostileDocuments() => new()
    {
        // name, document, expected extensions.code
        { "exponential fragments, 2^39 expansions", ExponentialFragments(39), "DOCUMENT_TOO_LARGE" },
        { "chain of 1,000 fragments", FragmentChain(1_000, reverse: false), "DOCUMENT_TOO_LARGE" },
        { "chain of 150 fragments", FragmentChain(150, reverse: false), "DOCUMENT_TOO_LARGE" },
        { "chain of 150 fragments, deepest first", FragmentChain(150, reverse: true), "DOCUMENT_TOO_LARGE" },
        { "10,000 duplicate @skip", "{ __typename" + Repeat(" @skip(if: false)", 10_000) + " }", "DOCUMENT_TOO_LARGE" },
        { "1,000 duplicate @skip", "{ __typename" + Repeat(" @skip(if: false)", 1_000) + " }", "DOCUMENT_TOO_LARGE" },
        { "65,000 directives in 1 MiB", "{ __typename" + Repeat("@skip(if:false)", 65_000) + " }", "DOCUMENT_TOO_LARGE" },
        { "selections nested 5,000 deep", Repeat("{ a ", 5_000) + new string('}', 5_000), "DOCUMENT_TOO_LARGE" },
        { "list value nested 5,000 deep", "{ __type(name: " + new string('[', 5_000) + new string(']', 5_000) + ") { name } }", "DOCUMENT_TOO_LARGE" },
        { "fields nested 16 deep", "{ __type(name: \"User\") " + Repeat("{ ofType ", 16) + "{ name }" + new string('}', 17), "COMPLEXITY" },
        { "1,900 identical fields", "{" + Repeat(" __typename", 1_900) + " }", "" },
        { "1,900 aliases", "{" + Numbered(1_900, i => $" a{i}: __typename") + " }", "" },
        { "2,500 aliased introspection fields", "{" + Numbered(2_500, i => $" t{i}: __typename") + " }", "DOCUMENT_TOO_LARGE" },
        { "400 aliased families", "{" + Numbered(400, i => $" m{i}: me {{ family {{ members {{ id }} }} }}") + " }", "COMPLEXITY" },
        { "2,000 duplicate arguments", "{ __type(" + Repeat("name: \"User\" ", 2_000) + ") { name } }", "" },
        { "2,000 unused variables", "query Q(" + Numbered(2_000, i => $"$v{i}: Int ") + ") { __typename }", "" },
        { "2,000 operations", Numbered(2_000, i => $"query Q{i} {{ __typename }} "), "" },
        { "2,000 duplicate input fields", "mutation { createTask(input: {" + Repeat("title: \"a\" ", 2_000) + "}) { errors { __typename } } }", "" },
        { "one alias over two fields, 660 times each", "{" + Repeat(" x: __typename", 660) + Repeat(" x: me { id }", 660) + " }", "DOCUMENT_TOO_LARGE" },
        { "one alias over two fields through fragments", "{ ...A ...B } fragment A on Query {" + Repeat(" x: __typename", 990) + " } fragment B on Query {" + Repeat(" x: me { id }", 990) + " }", "DOCUMENT_TOO_LARGE" },
        { "an unused fragment of 2,490 fields", "{ __typename } fragment X on Query {" + Repeat(" m: me { fullName }", 2_490) + " }", "DOCUMENT_TOO_LARGE" },
        { "an unused fragment spreading 2^30", "{ __typename } " + ExponentialFragments(20)[(ExponentialFragments(20).IndexOf('}') + 2)..], "DOCUMENT_TOO_LARGE" },
        { "300 spreads of one fragment per level", "{ ...A } fragment A on Query {" + Repeat(" ...B", 300) + " } fragment B on Query {" + Repeat(" ...C", 300) + " } fragment C on Query { __typename }", "DOCUMENT_TOO_LARGE" },
    };

    [Theory]
    [MemberData(nameof(HostileDocuments))]
    public async Task Post_HostileDocument_IsAnsweredWithinBudget(string name, string document, string expectedCode)
    {
        var address = factory.KestrelAddress;
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };

        var (status, body, cpu, allocated) = await MeasureAsync(client, document);
        output.WriteLine($"{name}: {document.Length:N0} chars, HTTP {(int)status}, {cpu.TotalMilliseconds:N0} ms CPU, {allocated / 1024.0 / 1024.0:N1} MB allocated");

        Assert.True(cpu < CpuBudget, $"{name}: {cpu.TotalMilliseconds:N0} ms of CPU");
        Assert.True(allocated < AllocationBudget, $"{name}: {allocated:N0} bytes allocated");
        Assert.NotEqual(HttpStatusCode.InternalServerError, status);
        var codes = body["errors"]?.AsArray().Select(e => e!["extensions"]?["code"]?.GetValue<string>()).ToList() ?? [];
        if (expectedCode.Length > 0)
        {
            Assert.True(codes.Contains(expectedCode), $"{name}: {status} {Truncate(body.ToJsonString())}");
            Assert.Null(body["data"]);
        }

        Assert.DoesNotContain(codes, code => code is "INTERNAL" or "UNHANDLED" or "INVALID_OPERATION" or "GRAPHQL_MAX_DEPTH_EXCEEDED");
        await AssertStillServingAsync(client);
    }

    [Fact]
    public async Task Post_FragmentsNestedTooDeeply_SaysSo()
    {
        var address = factory.KestrelAddress;
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };

        var (status, body, _, _) = await MeasureAsync(client, FragmentChain(30, reverse: true));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = Assert.Single(body["errors"]!.AsArray())!;
        Assert.Equal("Fragments spread fragments more than 24 levels deep, the most allowed.", error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_RefusedDocument_SaysWhichLimitAndHowLarge()
    {
        var address = factory.KestrelAddress;
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };

        var (status, body, _, _) = await MeasureAsync(client, ExponentialFragments(20));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = Assert.Single(body["errors"]!.AsArray())!;
        Assert.Equal("The operation selects more than 2,000 fields once its fragments are expanded, the most allowed.", error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_ListsNestedThroughRelations_AreRefusedBeforeTheyRun()
    {
        var address = factory.KestrelAddress;
        var seed = FamilySeed.Create("Nested", 4, 40, SystemClock.Instance.GetCurrentInstant());
        await seed.SaveAsync(factory.Services);
        var token = TestTokens.For(factory.Services, seed.Advisor);
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        var query = "{ me { family " + Repeat("{ activeTasks { id title createdBy { family ", 4) + "{ name }" + new string('}', 4 * 3) + " } }";

        var (status, body, cpu, allocated) = await MeasureAsync(client, query, token);
        output.WriteLine($"nested activeTasks: HTTP {(int)status}, {cpu.TotalMilliseconds:N0} ms CPU, {allocated / 1024.0 / 1024.0:N1} MB allocated");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("COMPLEXITY", body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.True(cpu < CpuBudget, $"{cpu.TotalMilliseconds:N0} ms of CPU");
        Assert.True(allocated < AllocationBudget, $"{allocated:N0} bytes allocated");
    }

    [Theory]
    [InlineData("exponential fragments")]
    [InlineData("chain of 1,000 fragments")]
    public async Task WebSocket_HostileDocument_FailsThatOperationAndKeepsTheSocket(string name)
    {
        var document = name.StartsWith("exponential", StringComparison.Ordinal) ? ExponentialFragments(39) : FragmentChain(1_000, reverse: false);
        var address = factory.KestrelAddress;
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("graphql-transport-ws");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await socket.ConnectAsync(new Uri($"ws://{address.Authority}/graphql"), timeout.Token);
        await SendAsync(socket, new JsonObject { ["type"] = "connection_init" }, timeout.Token);
        Assert.Equal("connection_ack", (await ReceiveAsync(socket, timeout.Token))["type"]!.GetValue<string>());

        await SendAsync(socket, new JsonObject { ["id"] = "1", ["type"] = "subscribe", ["payload"] = new JsonObject { ["query"] = document } }, timeout.Token);
        var refused = await ReceiveAsync(socket, timeout.Token);
        await SendAsync(socket, new JsonObject { ["id"] = "2", ["type"] = "subscribe", ["payload"] = new JsonObject { ["query"] = "{ __typename }" } }, timeout.Token);
        var answered = await ReceiveAsync(socket, timeout.Token);

        Assert.Equal("error", refused["type"]!.GetValue<string>());
        Assert.Equal("DOCUMENT_TOO_LARGE", refused["payload"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal("next", answered["type"]!.GetValue<string>());
        Assert.Equal("Query", answered["payload"]!["data"]!["__typename"]!.GetValue<string>());
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body, TimeSpan Cpu, long Allocated)> MeasureAsync(HttpClient client, string document, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/graphql", UriKind.Relative))
        {
            Content = JsonContent.Create(new { query = document }),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var body = JsonNode.Parse(text) as JsonObject ?? throw new InvalidOperationException($"HTTP {(int)response.StatusCode}: {Truncate(text)}");
        return (response.StatusCode, body, cpu, allocated);
    }

    private static async Task AssertStillServingAsync(HttpClient client)
    {
        var (status, body, _, _) = await MeasureAsync(client, "{ __typename }");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Query", body["data"]!["__typename"]!.GetValue<string>());
    }

    private static async Task SendAsync(ClientWebSocket socket, JsonObject message, CancellationToken cancellationToken) =>
        await socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, cancellationToken);

    private static async Task<JsonObject> ReceiveAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            WebSocketReceiveResult received;
            do
            {
                received = await socket.ReceiveAsync(chunk, cancellationToken);
                Assert.NotEqual(WebSocketMessageType.Close, received.MessageType);
                buffer.Write(chunk, 0, received.Count);
            }
            while (!received.EndOfMessage);

            var message = (JsonObject)JsonNode.Parse(buffer.ToArray())!;
            if (message["type"]!.GetValue<string>() is not ("ping" or "pong"))
            {
                return message;
            }
        }
    }

    /// <summary><c>{ ...G{n} }</c> where G0 selects <c>__typename</c> and every G(i) spreads G(i-1) twice.</summary>
    private static string ExponentialFragments(int n)
    {
        var document = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{{ ...G{n} }} fragment G0 on Query {{ __typename }}");
        for (var i = 1; i <= n; i++)
        {
            document.Append(CultureInfo.InvariantCulture, $" fragment G{i} on Query {{ ...G{i - 1} ...G{i - 1} }}");
        }

        return document.ToString();
    }

    /// <summary><c>{ ...F0 }</c>, F(i) spreads F(i+1), the last selects <c>__typename</c>; optionally defined deepest first.</summary>
    private static string FragmentChain(int length, bool reverse)
    {
        var fragments = Enumerable.Range(0, length)
            .Select(i => i == length - 1
                ? $"fragment F{i} on Query {{ __typename }}"
                : $"fragment F{i} on Query {{ ...F{i + 1} }}");
        var operation = reverse ? "{ " + Numbered(length, i => $"...F{length - 1 - i} ") + "}" : "{ ...F0 }";
        return operation + " " + string.Join(' ', reverse ? fragments.Reverse() : fragments);
    }

    private static string Repeat(string text, int count) => new StringBuilder(text.Length * count).Insert(0, text, count).ToString();

    private static string Numbered(int count, Func<int, string> item) => string.Concat(Enumerable.Range(0, count).Select(item));

    private static string Truncate(string text) => text.Length > 400 ? text[..400] + "…" : text;
}

/// <summary>A response larger than <c>GraphQL:MaxResponseBytes</c> is replaced by a RESPONSE_TOO_LARGE error.</summary>
public sealed class ResponseSizeLimitTests(ResponseSizeLimitTests.Factory factory) : IClassFixture<ResponseSizeLimitTests.Factory>
{
    public sealed class Factory : KdFamilyApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() => [new("GraphQL:MaxResponseBytes", "4096")];
    }

    [Fact]
    public async Task Post_ResponseOverTheLimit_AnswersResponseTooLargeInstead()
    {
        using var client = factory.CreateClient();

        var large = await client.PostGraphQLAsync("{ __schema { types { name description } } }");
        var small = await client.PostGraphQLAsync("{ __typename }");

        Assert.Null(large["data"]);
        var error = Assert.Single(large["errors"]!.AsArray())!;
        Assert.Equal("RESPONSE_TOO_LARGE", error["extensions"]!["code"]!.GetValue<string>());
        Assert.Contains("4,096 bytes", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Query", small["data"]!["__typename"]!.GetValue<string>());
    }
}
