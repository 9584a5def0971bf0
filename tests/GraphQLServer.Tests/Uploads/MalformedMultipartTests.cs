using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using GraphQLServer.Uploads;

namespace GraphQLServer.Tests.Uploads;

/// <summary>
/// Malformed and hostile multipart requests (GraphQL multipart request spec) against real Kestrel: each is answered
/// within <see cref="AnswerBound"/> with its status and a stable code (never INTERNAL, never an exception's name), and no
/// spooled part is left behind, also when the client goes away half-way.
/// </summary>
public sealed class MalformedMultipartTests(UploadTestHost host) : IClassFixture<UploadTestHost>
{
    private const string Boundary = "kd-test-boundary";
    private const string Invalid = GraphQLMultipartRequestReader.InvalidMultipartCode;
    private const string UploadOperations = """{"query":"mutation($file: Upload!, $note: String) { upload(file: $file, note: $note) }","variables":{"file":null,"note":"hi"}}""";
    private const string UploadsOperations = """{"query":"mutation($files: [Upload!]!) { uploads(files: $files) }","variables":{"files":[null,null,null]}}""";
    private const string UploadMap = """{"0":["variables.file"]}""";
    private static readonly TimeSpan AnswerBound = TimeSpan.FromSeconds(5);
    private static readonly byte[] Photo = "ten bytes!"u8.ToArray();

    public static TheoryData<string, byte[], int, string> MalformedRequests() => new()
    {
        // name, body, expected status, expected extensions.code
        { "no parts at all", Encoding.ASCII.GetBytes($"--{Boundary}--\r\n"), 400, Invalid },
        { "operations missing", Multipart(("map", UploadMap), File("0")), 400, Invalid },
        { "map before operations", Multipart(("map", UploadMap), ("operations", UploadOperations), File("0")), 400, Invalid },
        { "map missing", Multipart(("operations", UploadOperations), File("0")), 400, Invalid },
        { "the mapped file part never comes", Multipart(("operations", UploadOperations), ("map", UploadMap)), 400, Invalid },
        { "another file part instead of the mapped one", Multipart(("operations", UploadOperations), ("map", UploadMap), File("1")), 400, Invalid },
        { "map path outside the variables", Upload("""{"0":["operations.query"]}"""), 400, Invalid },
        { "map path to an undeclared variable", Upload("""{"0":["variables.other"]}"""), 400, Invalid },
        { "map path at a value that is not null", Upload("""{"0":["variables.note"]}"""), 400, Invalid },
        { "map path inside a string", Upload("""{"0":["variables.note.0"]}"""), 400, Invalid },
        { "map path repeated", Upload("""{"0":["variables.file","variables.file"]}"""), 400, Invalid },
        { "two parts mapped to one path", Multipart(("operations", UploadOperations), ("map", """{"0":["variables.file"],"1":["variables.file"]}"""), File("0"), File("1")), 400, Invalid },
        { "map path list empty", Upload("""{"0":[]}"""), 400, Invalid },
        { "map path null", Upload("""{"0":[null]}"""), 400, Invalid },
        { "map path not a string", Upload("""{"0":[1]}"""), 400, Invalid },
        { "map an array", Upload("""["variables.file"]"""), 400, Invalid },
        { "map null", Upload("null"), 400, Invalid },
        { "map not JSON", Upload("""{"0":["variables.file"]"""), 400, Invalid },
        { "map with a NUL byte", Upload("{\"0\":[\"variables.file\0\"]}"), 400, Invalid },
        { "map not UTF-8", Multipart(("operations", UploadOperations), ("map", Bytes("""{"0":["variables.""", [0xC3, 0x28], """file"]}""")), File("0")), 400, Invalid },
        { "map with a lone surrogate escape", Upload("""{"0":["variables.file\ud800"]}"""), 400, Invalid },
        { "operations with a lone surrogate escape", Multipart(("operations", UploadOperations.Replace("{ upload", "{\\ud800upload", StringComparison.Ordinal)), ("map", UploadMap), File("0")), 400, "INVALID_JSON" },
        { "operations not JSON", Multipart(("operations", """{"query":"""), ("map", UploadMap), File("0")), 400, "INVALID_JSON" },
        { "operations with a NUL byte", Multipart(("operations", UploadOperations.Replace("{ upload", "{\0upload", StringComparison.Ordinal)), ("map", UploadMap), File("0")), 400, "INVALID_JSON" },
        { "operations with a NUL byte outside strings", Multipart(("operations", "\0" + UploadOperations), ("map", UploadMap), File("0")), 400, "INVALID_JSON" },
        { "operations not UTF-8", Multipart(("operations", Bytes("""{"query":"mutation""", [0xFF, 0xFE], UploadOperations[18..])), ("map", UploadMap), File("0")), 400, "INVALID_JSON" },
        { "operations a batch", Multipart(("operations", "[" + UploadOperations + "]"), ("map", UploadMap), File("0")), 400, "BATCHING_NOT_SUPPORTED" },
        { "operations without a query", Multipart(("operations", """{"variables":{"file":null}}"""), ("map", UploadMap), File("0")), 400, "INVALID_REQUEST" },
        { "operations larger than the field limit", Multipart(("operations", UploadOperations.Replace("}}", "}" + new string(' ', UploadTestHost.MaxFieldBytes) + "}", StringComparison.Ordinal)), ("map", UploadMap), File("0")), 413, "REQUEST_TOO_LARGE" },
        { "map larger than the field limit", Upload("{\"0\":[\"variables.file\"]" + new string(' ', UploadTestHost.MaxFieldBytes) + "}"), 413, "REQUEST_TOO_LARGE" },
        { "more files than the limit", Multipart(("operations", UploadsOperations), ("map", """{"0":["variables.files.0"],"1":["variables.files.1"],"2":["variables.files.2"]}"""), File("0"), File("1"), File("2")), 413, GraphQLMultipartRequestReader.TooManyFilesCode },
        { "body larger than the request limit", Multipart(("operations", UploadOperations), ("map", UploadMap), File("0", new byte[UploadTestHost.MaxRequestBytes])), 413, "REQUEST_TOO_LARGE" },
        { "body ends inside operations", Multipart(("operations", UploadOperations), ("map", UploadMap), File("0"))[..60], 400, Invalid },
        { "body ends inside the file part", Multipart(("operations", UploadOperations), ("map", UploadMap), File("0", new byte[800]))[..^400], 400, Invalid },
        { "body ends without its closing boundary", Multipart(("operations", UploadOperations), ("map", UploadMap), File("0"))[..^(Boundary.Length + 6)], 400, Invalid },
        { "body with another boundary", Multipart(("operations", UploadOperations), ("map", UploadMap), File("0")).Select(b => b == (byte)'k' ? (byte)'K' : b).ToArray(), 400, Invalid },
    };

    [Theory]
    [MemberData(nameof(MalformedRequests))]
    public async Task Post_MalformedMultipart_IsRefusedWithAStableCodeAndLeavesNothing(string name, byte[] body, int status, string code)
    {
        var answer = await PostAsync(body);

        AssertRefused(answer, name, status, code);
        await AssertSpoolEmptiesAsync();
    }

    [Theory]
    [InlineData("multipart/form-data")]
    [InlineData("multipart/form-data; boundary=")]
    [InlineData("multipart/form-data; boundary=\"\"")]
    [InlineData("multipart/form-data; boundary=0123456789012345678901234567890123456789012345678901234567890123456789x")] // 71: over RFC 2046's 70
    public async Task Post_ContentTypeWithoutAUsableBoundary_IsRefused(string contentType)
    {
        var answer = await PostAsync(Upload(UploadMap), contentType);

        AssertRefused(answer, contentType, 400, Invalid);
        await AssertSpoolEmptiesAsync();
    }

    [Fact]
    public async Task Post_QuotedBoundary_IsRead()
    {
        var answer = await PostAsync(Upload(UploadMap), $"multipart/form-data; boundary=\"{Boundary}\"");

        Assert.True(answer.Status == 200, answer.Body.ToJsonString());
        Assert.Equal("photo.jpg: 10 bytes", answer.Body["data"]!["upload"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_FilePartTheMapDoesNotName_IsIgnoredAndNotKept()
    {
        var answer = await PostAsync(Multipart(("operations", UploadOperations), ("map", UploadMap), File("extra", new byte[500]), File("0")));

        Assert.True(answer.Status == 200, answer.Body.ToJsonString());
        Assert.Equal("photo.jpg: 10 bytes", answer.Body["data"]!["upload"]!.GetValue<string>());
        await AssertSpoolEmptiesAsync();
    }

    [Fact]
    public async Task Post_FilePartLargerThanTheFileLimit_ReachesTheResolverMarkedAndItsBytesAreNotKept()
    {
        var answer = await PostAsync(Upload(UploadMap, new byte[UploadTestHost.MaxFileBytes + 1]));

        Assert.True(answer.Status == 200, answer.Body.ToJsonString());
        Assert.Equal("photo.jpg: over the limit", answer.Body["data"]!["upload"]!.GetValue<string>());
        await AssertSpoolEmptiesAsync();
    }

    [Fact]
    public async Task Post_ChunkedBodyLargerThanTheRequestLimit_IsRequestTooLarge()
    {
        // No Content-Length to refuse up front: the limit must stop the body as it streams in.
        var body = Upload(UploadMap, new byte[UploadTestHost.MaxRequestBytes]);

        var answer = await PostAsync(body, chunked: true);

        AssertRefused(answer, "chunked", 413, "REQUEST_TOO_LARGE");
        await AssertSpoolEmptiesAsync();
    }

    [Fact]
    public async Task Post_BodyShorterThanItsContentLength_EndsTheRequestAndLeavesNothing()
    {
        // The client sends part of what it announced and closes its side: the body ends inside the file part. Kestrel
        // may drop such a connection instead of letting the answer through; it must not hang, succeed or fail inside.
        var body = Upload(UploadMap, new byte[800]);
        using var socket = await ConnectAsync();
        await socket.SendAsync(RequestHead(body.Length + 100));
        await socket.SendAsync(body[..^400]);
        socket.Shutdown(SocketShutdown.Send);

        var response = await ReadToEndAsync(socket).WaitAsync(AnswerBound);

        Assert.True(response.Length == 0 || (response.StartsWith("HTTP/1.1 400", StringComparison.Ordinal) && response.Contains(Invalid, StringComparison.Ordinal)), response);
        await AssertSpoolEmptiesAsync();
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Post_ClientGoesAwayInsideTheFilePart_LeavesNoSpooledFile()
    {
        var body = Upload(UploadMap, new byte[800]);
        using (var socket = await ConnectAsync())
        {
            await socket.SendAsync(RequestHead(body.Length));
            await socket.SendAsync(body[..^400]);
            var deadline = Stopwatch.StartNew();
            while (Directory.GetFiles(host.SpoolPath).Length == 0)
            {
                Assert.True(deadline.Elapsed < AnswerBound, "the server never started spooling the file part");
                await Task.Delay(20);
            }
        }

        await AssertSpoolEmptiesAsync();
        await AssertStillServingAsync();
    }

    private async Task AssertStillServingAsync()
    {
        var after = await PostAsync(Upload(UploadMap));
        Assert.Equal("photo.jpg: 10 bytes", after.Body["data"]!["upload"]!.GetValue<string>());
        await AssertSpoolEmptiesAsync();
    }

    private static void AssertRefused((int Status, JsonNode Body, TimeSpan Elapsed) answer, string name, int status, string code)
    {
        var text = answer.Body.ToJsonString();
        Assert.True(answer.Elapsed < AnswerBound, $"{name}: answered after {answer.Elapsed.TotalMilliseconds:N0} ms");
        Assert.True(answer.Status == status, $"{name}: HTTP {answer.Status} {text}");
        var error = Assert.Single(answer.Body["errors"]!.AsArray())!;
        Assert.True(error["extensions"]?["code"]?.GetValue<string>() == code, $"{name}: {text}");
        Assert.Null(answer.Body["data"]);
        Assert.DoesNotContain("Exception", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private async Task<(int Status, JsonNode Body, TimeSpan Elapsed)> PostAsync(byte[] body, string? contentType = null, bool chunked = false)
    {
        using var client = new HttpClient { Timeout = AnswerBound * 2 };
        using var content = chunked ? (HttpContent)new StreamContent(new UnknownLengthStream(body)) : new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType ?? $"multipart/form-data; boundary={Boundary}");
        using var request = new HttpRequestMessage(HttpMethod.Post, host.GraphQLEndpoint) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Add("GraphQL-Preflight", "1");
        var watch = Stopwatch.StartNew();
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        watch.Stop();
        var json = text.Length > 0 ? JsonNode.Parse(text)! : throw new InvalidOperationException($"HTTP {(int)response.StatusCode} with an empty body");
        return ((int)response.StatusCode, json, watch.Elapsed);
    }

    /// <summary>The spooled parts are deleted when the request ends, just after its answer is written: waits for that.</summary>
    private async Task AssertSpoolEmptiesAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (Directory.GetFiles(host.SpoolPath) is { Length: > 0 } left)
        {
            Assert.True(deadline.Elapsed < AnswerBound, $"spooled parts left behind: {string.Join(", ", left.Select(Path.GetFileName))}");
            await Task.Delay(20);
        }
    }

    private async Task<Socket> ConnectAsync()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(host.GraphQLEndpoint.Host, host.GraphQLEndpoint.Port);
        return socket;
    }

    private byte[] RequestHead(int contentLength) => Encoding.ASCII.GetBytes(
        $"POST {host.GraphQLEndpoint.AbsolutePath} HTTP/1.1\r\nHost: {host.GraphQLEndpoint.Authority}\r\nAccept: application/json\r\n"
        + $"GraphQL-Preflight: 1\r\nContent-Type: multipart/form-data; boundary={Boundary}\r\nContent-Length: {contentLength}\r\n\r\n");

    /// <summary>What the server sent until it closed the connection (also when it reset it).</summary>
    private static async Task<string> ReadToEndAsync(Socket socket)
    {
        using var received = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (SocketException exception) when (exception.SocketErrorCode == SocketError.ConnectionReset)
        {
            // Dropped rather than answered.
        }

        return Encoding.UTF8.GetString(received.ToArray());
    }

    /// <summary>A request that uploads <paramref name="file"/> (default <see cref="Photo"/>) as part "0" with the given map.</summary>
    private static byte[] Upload(string map, byte[]? file = null) => Multipart(("operations", UploadOperations), ("map", map), File("0", file));

    private static Part File(string name, byte[]? content = null) => new(name, content ?? Photo, "photo.jpg");

    private static byte[] Bytes(string before, byte[] middle, string after) => [.. Encoding.UTF8.GetBytes(before), .. middle, .. Encoding.UTF8.GetBytes(after)];

    private static byte[] Multipart(params Part[] parts)
    {
        using var body = new MemoryStream();
        foreach (var (name, content, fileName) in parts)
        {
            var disposition = fileName is null ? $"form-data; name=\"{name}\"" : $"form-data; name=\"{name}\"; filename=\"{fileName}\"";
            body.Write(Encoding.ASCII.GetBytes($"--{Boundary}\r\nContent-Disposition: {disposition}\r\n"));
            body.Write(Encoding.ASCII.GetBytes(fileName is null ? "\r\n" : "Content-Type: application/octet-stream\r\n\r\n"));
            body.Write(content);
            body.Write("\r\n"u8);
        }

        body.Write(Encoding.ASCII.GetBytes($"--{Boundary}--\r\n"));
        return body.ToArray();
    }

    /// <summary>A part of a multipart body: a field (JSON text or raw bytes) or, with a file name, a file.</summary>
    public sealed record Part(string Name, byte[] Content, string? FileName = null)
    {
        public static implicit operator Part((string Name, string Text) field) => new(field.Name, Encoding.UTF8.GetBytes(field.Text));

        public static implicit operator Part((string Name, byte[] Bytes) field) => new(field.Name, field.Bytes);
    }

    /// <summary>A body whose length the client does not know, so it is sent chunked.</summary>
    private sealed class UnknownLengthStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }
}
