using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace GraphQLServer.Tests.Http;

/// <summary>The status codes and media types of GraphQL over HTTP (2025 draft), on a schema of the tests' own.</summary>
public sealed class GraphQLHttpStatusCodeTests(TransportTestHost host) : IClassFixture<TransportTestHost>
{
    private const string GraphQLResponse = "application/graphql-response+json";

    [Fact]
    public async Task Get_WithQuery_ReturnsDataAsJson()
    {
        using var response = await SendAsync(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("{ hello }"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("world", (await BodyAsync(response))["data"]!["hello"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_WithJsonEncodedVariables_UsesThem()
    {
        var query = Uri.EscapeDataString("query Q($name: String!) { __type(name: $name) { name } }");
        var variables = Uri.EscapeDataString("""{"name":"Mutation"}""");
        using var response = await SendAsync(HttpMethod.Get, $"/graphql?query={query}&variables={variables}", accept: GraphQLResponse);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(GraphQLResponse, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Mutation", (await BodyAsync(response))["data"]!["__type"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_WithMutation_Returns405AllowingPost()
    {
        using var response = await SendAsync(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("mutation { touch }"), accept: GraphQLResponse);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["POST"], response.Content.Headers.Allow);
        var error = (await BodyAsync(response))["errors"]![0]!;
        Assert.Equal("OPERATION_NOT_ALLOWED_OVER_GET", error["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_WithMutationAndJsonAccept_Returns405()
    {
        using var response = await SendAsync(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("mutation { touch }"), accept: "application/json");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Get_SelectingQueryFromDocumentWithMutation_Executes()
    {
        var query = Uri.EscapeDataString("query Read { hello } mutation Write { touch }");
        using var response = await SendAsync(HttpMethod.Get, $"/graphql?query={query}&operationName=Read");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("world", (await BodyAsync(response))["data"]!["hello"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_WithMutation_Executes()
    {
        using var response = await PostJsonAsync("""{"query":"mutation { touch }"}""", accept: GraphQLResponse);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await BodyAsync(response))["data"]!["touch"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Post_OversizedBody_Returns413()
    {
        var padding = new string(' ', TransportTestHost.MaxBodySize);
        using var response = await PostJsonAsync("""{"query":"{ hello }""" + padding + "\"}");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("REQUEST_TOO_LARGE", (await BodyAsync(response))["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_OversizedBodyWithoutContentLength_Returns413()
    {
        var body = """{"query":"{ hello }""" + new string(' ', TransportTestHost.MaxBodySize) + "\"}";
        using var content = new StreamContent(new NonSeekableStream(Encoding.UTF8.GetBytes(body)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = content };
        using var client = host.CreateClient();

        using var response = await client.SendAsync(request);

        Assert.Null(request.Content.Headers.ContentLength);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=latin1")]
    public async Task Post_WithUnsupportedContentType_Returns415(string contentType)
    {
        using var response = await PostJsonAsync("""{"query":"{ hello }"}""", contentType: contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("UNSUPPORTED_MEDIA_TYPE", (await BodyAsync(response))["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_WithUnacceptableAccept_Returns406()
    {
        using var response = await PostJsonAsync("""{"query":"{ hello }"}""", accept: "application/xml");
        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
    }

    [Theory]
    [InlineData("""{ "not a JSON""", "INVALID_JSON")]
    [InlineData("""[{"query":"{ hello }"}]""", "BATCHING_NOT_SUPPORTED")]
    [InlineData("""{"query":{"a":1}}""", "INVALID_REQUEST")]
    [InlineData("""{"query":"{ hello }","variables":"{}"}""", "INVALID_REQUEST")]
    [InlineData("""{"qeury":"{ hello }"}""", "QUERY_MISSING")]
    public async Task Post_MalformedRequest_Returns400WithCode(string body, string code)
    {
        using var response = await PostJsonAsync(body, accept: "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await BodyAsync(response);
        Assert.Null(json["data"]);
        Assert.Equal(code, json["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_UnknownKeysAndNulls_AreIgnored()
    {
        using var response = await PostJsonAsync("""{"query":"{ hello }","operationName":null,"variables":null,"extensions":null,"extra":[1]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null((await BodyAsync(response))["errors"]);
    }

    [Theory]
    [InlineData("{ doesNotExist }")]
    [InlineData("{")]
    [InlineData("query Q($id: ID!) { id }")]
    public async Task Post_DocumentErrorWithGraphQLResponseAccept_Returns400WithoutData(string query)
    {
        using var response = await PostJsonAsync(new JsonObject { ["query"] = query }.ToJsonString(), accept: GraphQLResponse);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await BodyAsync(response);
        Assert.False(json.ContainsKey("data"));
        Assert.NotEmpty(json["errors"]!.AsArray());
    }

    [Theory]
    [InlineData("{ doesNotExist }")]
    [InlineData("{")]
    [InlineData("query Q($id: ID!) { id }")]
    public async Task Post_DocumentErrorWithJsonAccept_Returns200(string query)
    {
        using var response = await PostJsonAsync(new JsonObject { ["query"] = query }.ToJsonString(), accept: "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty((await BodyAsync(response))["errors"]!.AsArray());
    }

    [Fact]
    public async Task Post_ResolverThrows_ReturnsCodedErrorWithoutExceptionDetails()
    {
        using var response = await PostJsonAsync("""{"query":"{ hello boom }"}""", accept: GraphQLResponse);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(TransportTestSchema.SecretInException, raw, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("stack", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" at ", raw, StringComparison.Ordinal);
        var json = JsonNode.Parse(raw)!;
        Assert.Equal("world", json["data"]!["hello"]!.GetValue<string>());
        // An exception nobody planned for is INTERNAL with the trace id it was logged under, never its type's name.
        Assert.Equal("INTERNAL", json["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(json["errors"]![0]!["extensions"]!["traceId"]?.GetValue<string>()));
        Assert.DoesNotContain("INVALID_OPERATION", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_QueryDeeperThanLimit_Returns400WithClearError()
    {
        var query = "{ nested { child { child { child { child { child { child { leaf } } } } } } } }";
        using var response = await PostJsonAsync(new JsonObject { ["query"] = query }.ToJsonString(), accept: GraphQLResponse);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await BodyAsync(response))["errors"]![0]!;
        Assert.Contains("depth", error["message"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Post_WithUser_PassesItToResolvers()
    {
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent("""{"query":"{ whoami }"}""", Encoding.UTF8, "application/json") };
        request.Headers.Add(TransportTestHost.UserHeader, "ada");

        using var response = await client.SendAsync(request);

        Assert.Equal("ada", (await BodyAsync(response))["data"]!["whoami"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_Sdl_ReturnsPrintedSchemaAsText()
    {
        using var response = await SendAsync(HttpMethod.Get, "/graphql?sdl");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var sdl = await response.Content.ReadAsStringAsync();
        Assert.Contains("type Mutation {", sdl, StringComparison.Ordinal);
        Assert.Contains("hello: String", sdl, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/graphql-response+json, application/json;q=0.9", GraphQLResponse)]
    [InlineData("application/json, application/graphql-response+json;q=0.5", "application/json")]
    [InlineData("*/*", "application/json")]
    [InlineData("text/html, */*;q=0.8", "application/json")]
    public async Task Post_AcceptHeader_ChoosesResponseMediaType(string accept, string expected)
    {
        using var response = await PostJsonAsync("""{"query":"{ hello }"}""", accept: accept);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string uri, string? accept = null)
    {
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(method, uri);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        return await client.SendAsync(request);
    }

    private async Task<HttpResponseMessage> PostJsonAsync(string body, string? accept = null, string contentType = "application/json")
    {
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        return await client.SendAsync(request);
    }

    private static async Task<JsonObject> BodyAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    /// <summary>A body whose length is unknown up front, so the limit must be enforced while reading.</summary>
    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
