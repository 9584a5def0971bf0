using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Testing;

namespace KdFamily.Graph.Tests.Server.BananaCakePop;

/// <summary>
/// Banana Cake Pop in headless Chromium against the real host, with every off-origin request blocked, under the
/// host's Content-Security-Policy: the page must carry the policy and the IDE must work without one violation.
/// </summary>
public sealed class BananaCakePopBrowserTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    [Fact]
    public async Task OpenGraphQLInBrowser_Offline_IdeLoadsAndIntrospectsSchema()
    {
        var baseAddress = factory.StartKestrel();

        var run = await NodeScript.RunAsync("bcp-browser.mjs", TimeSpan.FromMinutes(3), baseAddress.ToString());

        Assert.True(run.ExitCode == 0, run.Describe());
        var verdict = run.ParseJsonVerdict();
        Assert.True(verdict["ok"]!.GetValue<bool>(), run.Describe());
        Assert.Equal(new Uri(baseAddress, "/graphql/").ToString(), verdict["pageUrl"]!.GetValue<string>());
        Assert.True(verdict["configFetched"]!.GetValue<bool>(), run.Describe());
        Assert.Equal(200, verdict["introspection"]!["status"]!.GetValue<int>());
        Assert.True(verdict["introspection"]!["typeCount"]!.GetValue<int>() > 0, run.Describe());
        Assert.True(verdict["blockedRequests"]!.AsArray().Count == 0, "The IDE tried to leave the server (offline use would degrade):\n" + run.Describe());
        var headers = verdict["pageHeaders"]!.AsObject();
        Assert.True(headers.ContainsKey("content-security-policy"), "The IDE page has no Content-Security-Policy:\n" + run.Describe());
        Assert.Contains("frame-ancestors 'none'", headers["content-security-policy"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("nosniff", headers["x-content-type-options"]?.GetValue<string>());
        Assert.False(headers.ContainsKey("server"), run.Describe());
        Assert.True(verdict["cspViolations"]!.AsArray().Count == 0, "The IDE broke its Content-Security-Policy:\n" + run.Describe());
    }
}
