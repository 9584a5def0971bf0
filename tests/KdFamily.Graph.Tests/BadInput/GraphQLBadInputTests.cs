using System.Net;
using System.Text;
using System.Text.Json;

namespace KdFamily.Graph.Tests.BadInput;

/// <summary>
/// /graphql on a real Kestrel host against hostile input, in variables and inline literals alike: bodies that are not
/// UTF-8 JSON are 400 INVALID_JSON; NUL characters and dates outside 2000–2100 in any argument are VALIDATION_ERROR
/// naming the field, before any resolver runs; oversized cursors, extreme numbers and huge sort lists are
/// validation errors. Never a 500, never an exception's name.
/// </summary>
public sealed class GraphQLBadInputTests(BadInputHost host) : IClassFixture<BadInputHost>
{
    /// <summary>GraphQL request bodies with a marker § that becomes raw bytes or escapes that are not text.</summary>
    public static readonly TheoryData<string, string> EncodingVariants = new()
    {
        { """{"query":"{ __typename } # §"}""", "\\ud800" },
        { """{"query":"{ __typename }","variables":{"x":"§"}}""", "\\udbff" },
        { """{"query":"{ __typename }","variables":{"§":1}}""", "\\udc00" },
        { """{"query":"query Q { __typename }","operationName":"Q§"}""", "\\ud800" },
        { """{"query":"{ __typename }","extensions":{"a":["§"]}}""", "\\udc00\\ud800" },
        { """{"query":"{ __typename } # §"}""", "\u00ff" },
        { """{"query":"{ __typename }","variables":{"x":"§"}}""", "\u00c0\u0080" },
        { """{"query":"query Q { __typename }","operationName":"Q§"}""", "\u00e2\u0082" },
        { """{"query":"{ __typename }","extensions":{"§":1}}""", "\u00ed\u00a0\u0080" },
        { """{"query":"{ __typename }","variables":{"x":{"y":["§"]}}}""", "\u00fe" },
    };

    /// <summary>(name, document, variables, field the error must name). Strings hold a NUL (JSON \u0000, GraphQL "\u0000").</summary>
    public static readonly TheoryData<string, string, string?, string> NulInputs = new()
    {
        { "createTask title, variable", "mutation($input: CreateTaskInput!) { createTask(input: $input) { errors { ... on Error { code } } } }", """{"input":{"title":"a\u0000b","points":1}}""", "input.title" },
        { "createTask title, literal", """mutation { createTask(input: {title: "a\u0000b", points: 1}) { errors { ... on Error { code } } } }""", null, "input.title" },
        { "createTask description, literal", """mutation { createTask(input: {title: "ok", description: "\u0000", points: 1}) { errors { ... on Error { code } } } }""", null, "input.description" },
        { "updateTask title, variable", "mutation($input: UpdateTaskInput!) { updateTask(input: $input) { errors { ... on Error { code } } } }", """{"input":{"taskId":"TASK","title":"\u0000"}}""", "input.title" },
        { "rejectTask reason, literal", """mutation { rejectTask(input: {taskId: "TASK", reason: "no\u0000"}) { errors { ... on Error { code } } } }""", null, "input.reason" },
        { "awardPoints reason, variable", "mutation($input: AwardPointsInput!) { awardPoints(input: $input) { errors { ... on Error { code } } } }", """{"input":{"userId":"MEMBER","points":5,"reason":"\u0000"}}""", "input.reason" },
        { "awardPoints idempotencyKey, variable", "mutation($input: AwardPointsInput!) { awardPoints(input: $input) { errors { ... on Error { code } } } }", """{"input":{"userId":"MEMBER","points":5,"reason":"ok","idempotencyKey":"k\u0000"}}""", "input.idempotencyKey" },
        { "updateProfile fullName, variable", "mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { errors { ... on Error { code } } } }", """{"input":{"fullName":"Ada\u0000"}}""", "input.fullName" },
        { "updateProfile email, literal", """mutation { updateProfile(input: {email: "a\u0000@example.test"}) { errors { ... on Error { code } } } }""", null, "input.email" },
        { "updateFamily timeZone, literal", """mutation { updateFamily(input: {familyId: "FAMILY", timeZone: "Europe/\u0000"}) { errors { ... on Error { code } } } }""", null, "input.timeZone" },
        { "updateFamily name, variable", "mutation($input: UpdateFamilyInput!) { updateFamily(input: $input) { errors { ... on Error { code } } } }", """{"input":{"familyId":"FAMILY","name":"\u0000"}}""", "input.name" },
        { "createTaskType name, separate variable", "mutation($name: String!) { createTaskType(input: {name: $name}) { errors { ... on Error { code } } } }", """{"name":"T\u0000"}""", "name" },
        { "createRecurringTask dueTime, literal", """mutation { createRecurringTask(input: {title: "t", points: 1, frequency: DAILY, dueTime: "18:00\u0000"}) { errors { ... on Error { code } } } }""", null, "input.dueTime" },
        { "markNotificationsRead ids[1], variable", "mutation($input: MarkNotificationsReadInput!) { markNotificationsRead(input: $input) { errors { ... on Error { code } } } }", """{"input":{"ids":["a","\u0000"]}}""", "input.ids[1]" },
        { "createReward name, variable", "mutation($input: CreateRewardInput!) { createReward(input: $input) { errors { ... on Error { code } } } }", """{"input":{"name":"Cinema\u0000","cost":10}}""", "input.name" },
        { "rejectRedemption reason, literal", """mutation { rejectRedemption(input: {redemptionId: "x", reason: "no\u0000"}) { errors { ... on Error { code } } } }""", null, "input.reason" },
        { "createChildAccount username, variable", "mutation($input: CreateChildAccountInput!) { createChildAccount(input: $input) { errors { ... on Error { code } } } }", """{"input":{"username":"kid\u0000","fullName":"Kid","pin":"1234"}}""", "input.username" },
        { "updateNotificationPreferences quietHoursStart, literal", """mutation { updateNotificationPreferences(input: {quietHoursStart: "22:00\u0000", quietHoursEnd: "07:00"}) { errors { ... on Error { code } } } }""", null, "input.quietHoursStart" },
        { "deleteFamily confirmName, literal", """mutation { deleteFamily(input: {confirmName: "\u0000"}) { errors { ... on Error { code } } } }""", null, "input.confirmName" },
        { "node id, literal", """{ node(id: "\u0000") { id } }""", null, "id" },
        { "nodes ids, variable", "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", """{"ids":["x","\u0000"]}""", "ids[1]" },
        { "tasks search, literal", """query($f: ID!) { family(id: $f) { tasks(where: {search: "a\u0000"}) { edges { cursor } } } }""", """{"f":"FAMILY"}""", "where.search" },
        { "tasks after, variable", "query($f: ID!, $after: String) { family(id: $f) { tasks(after: $after) { edges { cursor } } } }", """{"f":"FAMILY","after":"\u0000"}""", "after" },
    };

    /// <summary>Dates and points in time outside 2000-01-01..2100-12-31, in variables and literals.</summary>
    public static readonly TheoryData<string, string, string?, string> DateInputs = new()
    {
        { "createRecurringTask startDate 9999-12-27, variable", "mutation($input: CreateRecurringTaskInput!) { createRecurringTask(input: $input) { errors { ... on Error { code } } } }", """{"input":{"title":"t","points":1,"frequency":"WEEKLY","startDate":"9999-12-27"}}""", "input.startDate" },
        { "createRecurringTask startDate 9999-12-27, literal", """mutation { createRecurringTask(input: {title: "t", points: 1, frequency: WEEKLY, startDate: "9999-12-27"}) { errors { ... on Error { code } } } }""", null, "input.startDate" },
        { "updateRecurringTask startDate 0001-01-01, variable", "mutation($input: UpdateRecurringTaskInput!) { updateRecurringTask(input: $input) { errors { ... on Error { code } } } }", """{"input":{"id":"x","startDate":"0001-01-01"}}""", "input.startDate" },
        { "createTask dueDate 9999, variable", "mutation($input: CreateTaskInput!) { createTask(input: $input) { errors { ... on Error { code } } } }", """{"input":{"title":"t","points":1,"dueDate":"9999-12-31T23:59:59Z"}}""", "input.dueDate" },
        { "createTask dueDate 1999, literal", """mutation { createTask(input: {title: "t", points: 1, dueDate: "1999-12-31T12:00:00+00:00"}) { errors { ... on Error { code } } } }""", null, "input.dueDate" },
        { "updateTask dueDate 2101, literal", """mutation { updateTask(input: {taskId: "TASK", dueDate: "2101-01-01T00:00:00Z"}) { errors { ... on Error { code } } } }""", null, "input.dueDate" },
        { "setAway until 9999-12-31, variable", "mutation($input: SetAwayInput!) { setAway(input: $input) { errors { ... on Error { code } } } }", """{"input":{"userId":"MEMBER","from":"2030-01-01","until":"9999-12-31"}}""", "input.until" },
        { "tasks dueBefore 0001, variable", "query($f: ID!, $w: TaskFilterInput) { family(id: $f) { tasks(where: $w) { edges { cursor } } } }", """{"f":"FAMILY","w":{"dueBefore":"0001-01-01T00:00:00Z"}}""", "w.dueBefore" },
        { "tasks dueAfter 9999, literal", """query($f: ID!) { family(id: $f) { tasks(where: {dueAfter: "9999-12-31T00:00:00Z"}) { edges { cursor } } } }""", """{"f":"FAMILY"}""", "where.dueAfter" },
    };

    [Theory]
    [MemberData(nameof(EncodingVariants))]
    public async Task Post_BodyThatIsNotUtf8Json_Answers400InvalidJson(string template, string insert)
    {
        var answer = await host.PostAsync("/graphql", RestBadInputTests.Latin1Marker(template, insert), host.AdvisorToken);

        answer.AssertGraphQLError(HttpStatusCode.BadRequest, "INVALID_JSON");
    }

    [Theory]
    [MemberData(nameof(NulInputs))]
    public async Task Execute_NulCharacterInAnArgument_IsAValidationErrorNamingTheField(string name, string document, string? variables, string field)
    {
        var answer = await host.GraphQLAsync(Ids(document)!, Ids(variables));

        AssertValidationError(name, answer, field);
    }

    [Theory]
    [MemberData(nameof(DateInputs))]
    public async Task Execute_DateOutsideTheSupportedRange_IsAValidationErrorNamingTheField(string name, string document, string? variables, string field)
    {
        var answer = await host.GraphQLAsync(Ids(document)!, Ids(variables));

        AssertValidationError(name, answer, field);
    }

    [Fact]
    public async Task Execute_DatesAtTheEdgesOfTheRange_AreAccepted()
    {
        var answer = await host.GraphQLAsync(
            "mutation($input: CreateTaskInput!) { createTask(input: $input) { task { dueDate } errors { ... on Error { code } } } }",
            """{"input":{"title":"Far ahead","points":1,"dueDate":"2100-12-31T12:00:00Z"}}""");

        Assert.True(answer.Status == HttpStatusCode.OK && answer.Body!["data"]!["createTask"]!["errors"] is null, answer.Text);
    }

    [Theory]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    [InlineData(-10_001)]
    public async Task AwardPoints_ExtremePoints_IsAValidationErrorOnPoints(int points)
    {
        var answer = await host.GraphQLAsync(
            "mutation($input: AwardPointsInput!) { awardPoints(input: $input) { errors { __typename ... on ValidationError { code field } } } }",
            Ids("{\"input\":{\"userId\":\"MEMBER\",\"points\":" + points.ToString(System.Globalization.CultureInfo.InvariantCulture) + ",\"reason\":\"extreme\"}}"));

        Assert.True(answer.Status == HttpStatusCode.OK, answer.Text);
        var error = answer.Body!["data"]!["awardPoints"]!["errors"]![0]!;
        Assert.Equal(("VALIDATION_ERROR", "points"), (error["code"]!.GetValue<string>(), error["field"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Execute_IntVariableBeyond32Bits_IsAnInvalidValueNamingNoException()
    {
        var answer = await host.GraphQLAsync(
            "mutation($input: AwardPointsInput!) { awardPoints(input: $input) { errors { __typename } } }",
            Ids("""{"input":{"userId":"MEMBER","points":99999999999,"reason":"overflow"}}"""));

        answer.AssertGraphQLError(HttpStatusCode.BadRequest, "INVALID_VALUE");
    }

    public static readonly TheoryData<string, string> BadCursors = new()
    {
        { "100 KB of base64", new string('A', 100_000) },
        { "500 KB of text", new string('x', 500_000) },
        { "an int beyond 32 bits", Cursor("""["points-,id-","99999999999","0123456789abcdef0123456789abcdef"]""") },
        { "an instant beyond year 9999", Cursor("""["createdAt-,id-","99999-01-01T00:00:00Z","0123456789abcdef0123456789abcdef"]""") },
        { "JSON nested 300 deep", Cursor(new string('[', 300) + new string(']', 300)) },
        { "not base64", "%%%%" },
    };

    [Theory]
    [MemberData(nameof(BadCursors))]
    public async Task Tasks_BadCursor_IsAValidationErrorOnAfter(string name, string cursor)
    {
        var order = name.StartsWith("an int", StringComparison.Ordinal) ? "[{points: DESC}]" : "[{createdAt: DESC}]";
        var answer = await host.GraphQLAsync(
            $"query($f: ID!, $after: String) {{ family(id: $f) {{ tasks(after: $after, order: {order}) {{ edges {{ cursor }} }} }} }}",
            Ids($$"""{"f":"FAMILY","after":{{JsonSerializer.Serialize(cursor)}}}"""));

        var error = answer.AssertGraphQLError(HttpStatusCode.OK, "VALIDATION_ERROR");
        Assert.Equal("after", error["extensions"]!["field"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(5)]
    [InlineData(400)]
    public async Task Tasks_OrderWithMoreEntriesThanSortFields_IsAValidationErrorOnOrder(int entries)
    {
        var order = "[" + string.Join(",", Enumerable.Range(0, entries).Select(i => (i % 4) switch
        {
            0 => "{points: DESC}",
            1 => "{createdAt: ASC}",
            2 => "{priority: DESC}",
            _ => "{dueDate: ASC}",
        })) + "]";

        var answer = await host.GraphQLAsync(
            $"query($f: ID!) {{ family(id: $f) {{ tasks(order: {order}) {{ edges {{ cursor }} }} }} }}", Ids("""{"f":"FAMILY"}"""));

        var error = answer.AssertGraphQLError(HttpStatusCode.OK, "VALIDATION_ERROR");
        Assert.Equal("order", error["extensions"]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Tasks_OrderNamingOneFieldTwice_IsAValidationErrorOnOrder()
    {
        var answer = await host.GraphQLAsync(
            "query($f: ID!) { family(id: $f) { tasks(order: [{points: DESC}, {points: ASC}]) { edges { cursor } } } }", Ids("""{"f":"FAMILY"}"""));

        var error = answer.AssertGraphQLError(HttpStatusCode.OK, "VALIDATION_ERROR");
        Assert.Equal("order", error["extensions"]!["field"]!.GetValue<string>());
    }

    private static void AssertValidationError(string name, (HttpStatusCode Status, System.Text.Json.Nodes.JsonObject? Body, string Text) answer, string field)
    {
        var error = answer.AssertGraphQLError(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(answer.Body!["data"] is null, $"{name}: executed anyway: {answer.Text}");
        Assert.True(error["extensions"]?["field"]?.GetValue<string>() == field, $"{name}: expected field {field}: {answer.Text}");
        Assert.Contains(field, error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private string? Ids(string? variables) => variables?
        .Replace("\"TASK\"", $"\"{host.TaskId}\"", StringComparison.Ordinal)
        .Replace("\"MEMBER\"", $"\"{host.MemberId}\"", StringComparison.Ordinal)
        .Replace("\"FAMILY\"", $"\"{host.FamilyId}\"", StringComparison.Ordinal);

    private static string Cursor(string json) => System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
}
