using System.Net;
using System.Text;
using KdFamily.Graph.Auth;

namespace KdFamily.Graph.Tests.BadInput;

/// <summary>
/// Every endpoint of the REST facade against hostile bodies, on a real Kestrel host: text that is not UTF-8 JSON is
/// 400 INVALID_JSON, a NUL character in any string field is 400 VALIDATION_ERROR naming the field, never a 500.
/// </summary>
public sealed class RestBadInputTests(BadInputHost host) : IClassFixture<BadInputHost>
{
    /// <summary>Each endpoint with a body that is valid but for the marker §, which a test replaces.</summary>
    public static readonly TheoryData<string, string> Endpoints = new()
    {
        { "/api/v1/auth/register", """{"username":"§","email":"x@example.test","password":"correct horse battery","fullName":"X","familyName":"F"}""" },
        { "/api/v1/auth/login", """{"login":"§","password":"correct horse battery"}""" },
        { "/api/v1/auth/refresh", """{"refreshToken":"§"}""" },
        { "/api/v1/auth/logout", """{"refreshToken":"§"}""" },
        { "/api/v1/auth/change-password", """{"currentPassword":"§","newPassword":"another horse battery"}""" },
        { "/api/v1/auth/forgot-password", """{"email":"§@example.test"}""" },
        { "/api/v1/auth/reset-password", """{"token":"§","newPassword":"another horse battery"}""" },
        { "/api/v1/auth/confirm-email", """{"token":"§"}""" },
        { "/api/v1/admin/maintenance", """{"message":"§","startsAt":"2030-01-01T02:00:00+00:00"}""" },
    };

    /// <summary>Bytes that make the body invalid UTF-8 or invalid UTF-16 once unescaped.</summary>
    public static readonly TheoryData<string, string, string> EncodingVariants = Cross(
        ("lone high surrogate escape", "\\ud800"),
        ("lone low surrogate escape", "a\\udc00b"),
        ("reversed surrogate pair", "\\udc00\\ud800"),
        ("byte 0xFF", "\u00ff"),
        ("overlong NUL 0xC0 0x80", "\u00c0\u0080"),
        ("truncated sequence 0xE2 0x82", "\u00e2\u0082"),
        ("UTF-8 encoded surrogate 0xED 0xA0 0x80", "\u00ed\u00a0\u0080"));

    /// <summary>Every string field of every endpoint, with a body that is otherwise valid.</summary>
    public static readonly TheoryData<string, string, string> StringFields = new()
    {
        { "/api/v1/auth/register", "username", """{"username":"§","email":"n@example.test","password":"correct horse battery","fullName":"N","familyName":"F"}""" },
        { "/api/v1/auth/register", "email", """{"username":"nul-user","email":"§","password":"correct horse battery","fullName":"N","familyName":"F"}""" },
        { "/api/v1/auth/register", "password", """{"username":"nul-user","email":"n@example.test","password":"§","fullName":"N","familyName":"F"}""" },
        { "/api/v1/auth/register", "fullName", """{"username":"nul-user","email":"n@example.test","password":"correct horse battery","fullName":"§","familyName":"F"}""" },
        { "/api/v1/auth/register", "familyName", """{"username":"nul-user","email":"n@example.test","password":"correct horse battery","fullName":"N","familyName":"§"}""" },
        { "/api/v1/auth/register", "inviteCode", """{"username":"nul-user","email":"n@example.test","password":"correct horse battery","fullName":"N","inviteCode":"§"}""" },
        { "/api/v1/auth/register", "timeZone", """{"username":"nul-user","email":"n@example.test","password":"correct horse battery","fullName":"N","familyName":"F","timeZone":"§"}""" },
        { "/api/v1/auth/login", "login", """{"login":"§","password":"correct horse battery"}""" },
        { "/api/v1/auth/login", "password", """{"login":"someone","password":"§"}""" },
        { "/api/v1/auth/refresh", "refreshToken", """{"refreshToken":"§"}""" },
        { "/api/v1/auth/logout", "refreshToken", """{"refreshToken":"§"}""" },
        { "/api/v1/auth/change-password", "currentPassword", """{"currentPassword":"§","newPassword":"another horse battery"}""" },
        { "/api/v1/auth/change-password", "newPassword", """{"currentPassword":"correct horse battery","newPassword":"§"}""" },
        { "/api/v1/auth/forgot-password", "email", """{"email":"§"}""" },
        { "/api/v1/auth/reset-password", "token", """{"token":"§","newPassword":"another horse battery"}""" },
        { "/api/v1/auth/reset-password", "newPassword", """{"token":"abc","newPassword":"§"}""" },
        { "/api/v1/auth/confirm-email", "token", """{"token":"§"}""" },
        { "/api/v1/admin/maintenance", "message", """{"message":"§","startsAt":"2030-01-01T02:00:00+00:00"}""" },
    };

    [Theory]
    [MemberData(nameof(EncodingVariants))]
    public async Task Post_BodyThatIsNotUtf8Json_Answers400InvalidJson(string path, string variant, string insert)
    {
        var template = Endpoints.Single(e => (string)e[0] == path)[1]!.ToString()!;

        var answer = await host.PostAsync(path, Latin1Marker(template, insert), host.AdvisorToken);

        answer.AssertProblem(HttpStatusCode.BadRequest, "INVALID_JSON");
        Assert.False(string.IsNullOrEmpty(variant));
    }

    [Theory]
    [MemberData(nameof(StringFields))]
    public async Task Post_NulCharacterInAStringField_Answers400ValidationErrorNamingTheField(string path, string field, string template)
    {
        foreach (var value in new[] { "\\u0000", "abc\\u0000def-long-enough-value" })
        {
            var answer = await host.PostAsync(path, Encoding.UTF8.GetBytes(template.Replace("§", value, StringComparison.Ordinal)), host.AdvisorToken);

            var problem = answer.AssertProblem(HttpStatusCode.BadRequest, AuthProblems.ValidationError);
            Assert.True(problem["errors"]?[field] is not null, $"{field} not named: {answer.Text}");
        }
    }

    [Theory]
    [InlineData("9999-12-31T00:00:00+00:00", "startsAt")]
    [InlineData("0001-01-01T00:00:00+00:00", "startsAt")]
    public async Task Maintenance_DateOutsideTheSupportedRange_Answers400ValidationError(string startsAt, string field)
    {
        var answer = await host.PostJsonAsync("/api/v1/admin/maintenance", $$"""{"message":"Upgrade","startsAt":"{{startsAt}}"}""");

        var problem = answer.AssertProblem(HttpStatusCode.BadRequest, AuthProblems.ValidationError);
        Assert.True(problem["errors"]?[field] is not null, answer.Text);
    }

    /// <summary>The template's § becomes the insert's characters as single bytes (so "\u00ff" is the byte 0xFF).</summary>
    internal static byte[] Latin1Marker(string template, string insert)
    {
        var at = template.IndexOf('§', StringComparison.Ordinal);
        return [.. Encoding.UTF8.GetBytes(template[..at]), .. Encoding.Latin1.GetBytes(insert), .. Encoding.UTF8.GetBytes(template[(at + 1)..])];
    }

    private static TheoryData<string, string, string> Cross(params (string Name, string Insert)[] variants)
    {
        var data = new TheoryData<string, string, string>();
        foreach (var path in Endpoints.Select(e => (string)e[0]))
        {
            foreach (var (name, insert) in variants)
            {
                data.Add(path, name, insert);
            }
        }

        return data;
    }
}
